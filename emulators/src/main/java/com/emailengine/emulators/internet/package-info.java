/**
 * The local "internet" of the Email-Engine local cloud: the outside world the sender fleet
 * talks to, on loopback addresses of one machine.
 *
 * <p>What this package owns:
 * <ul>
 *   <li>{@link com.emailengine.emulators.internet.DnsZone} and
 *       {@link com.emailengine.emulators.internet.LoopbackDnsServer}: an authoritative DNS server
 *       (UDP and TCP on one port, written on dnsjava's wire-format classes) for zones whose
 *       records ({@link com.emailengine.core.dns.DnsRecord}) can be changed at run time, with
 *       per-name faults (timeout, SERVFAIL) for testing validation and delivery against a
 *       misbehaving DNS. It answers with AA, NXDOMAIN/NODATA plus SOA, CNAME chasing inside a
 *       zone, REFUSED outside its zones, TC over UDP beyond 512 octets or the client's EDNS size.</li>
 *   <li>{@link com.emailengine.emulators.internet.SmtpSink}: an SMTP server standing for one mailbox
 *       provider. The protocol (PIPELINING, 8BITMIME, SMTPUTF8, SIZE, ENHANCEDSTATUSCODES, STARTTLS, limits,
 *       timeouts) is platform's {@link com.emailengine.platform.smtp.SmtpServer}, the same core the fleet's bounce
 *       listener runs on; the sink adds what makes it a provider: replies scripted by a swappable
 *       {@link com.emailengine.emulators.internet.SinkBehaviour}, each accepted message recorded as a
 *       {@link com.emailengine.emulators.internet.ReceivedMail} with the client's source address, and optionally
 *       as an {@code .eml} file with a Received header.</li>
 *   <li>{@link com.emailengine.emulators.internet.LocalInternet}: one DNS server plus one sink per
 *       {@link com.emailengine.emulators.internet.MailProvider}, all sinks on one SMTP port, with MX and
 *       A records published so that an MX lookup leads to the right sink.</li>
 * </ul>
 *
 * <p>What it must never do: import engine code beyond {@code com.emailengine.core} and platform's SMTP server, or be
 * used by production code paths. It is a test and demo peer; the fleet reaches it only through
 * configuration (a resolver address, MX results), never through a Java reference.
 *
 * <p>Loopback: Linux routes all of 127.0.0.0/8 to the loopback interface, so each provider gets
 * its own address (for example 127.0.2.1 to 127.0.2.4) and the sinks see the fleet's chosen
 * source address (for example 127.0.1.7) on every connection. Tests use other prefixes and
 * ephemeral ports so that they can run beside a demo on ports 25 and 53.
 */
package com.emailengine.emulators.internet;
