/**
 * DNS records as operators publish them. {@link com.emailengine.core.dns.SendingDomainRecords}
 * computes the DKIM, SPF, DMARC and return-path MX records of a sending domain;
 * {@link com.emailengine.core.dns.AddressBlocks} collapses sending addresses into exact CIDR
 * blocks; {@link com.emailengine.core.dns.TxtCharacterStrings} splits long TXT values into the
 * 255-octet character-strings that DNS carries (a {@link com.emailengine.core.dns.DnsRecord}
 * keeps the one logical string). All types are immutable and safe to share between threads.
 */
package com.emailengine.core.dns;
