package com.emailengine.core.dns;

import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.names.DomainName;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything an operator must publish so that mail from a sending domain authenticates: a DKIM
 * key record per key, SPF for the domain (and for the return-path domain, which is what SPF
 * actually checks), DMARC at {@code _dmarc.<domain>}, and the MX that routes bounces to the
 * return-path host. The constructor validates the whole set, naming the first problem found.
 *
 * <p>The records do not include the A/AAAA records of the MX host or the PTR records of the
 * sending addresses: those belong to the fleet's own zone and reverse zones, not the tenant's.
 */
public record SendingDomainRecords(DomainName domain, List<DkimKey> dkimKeys, List<InetAddress> sendingAddresses,
                                   List<String> spfIncludes, Optional<ReturnPathDomain> returnPath, DmarcPolicy dmarc) {

    /** One hour: short enough to fix a mistake the same day, long enough to keep resolvers' caches useful. */
    public static final long DEFAULT_TTL_SECONDS = 3600;

    public SendingDomainRecords {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(dmarc, "dmarc");
        dkimKeys = List.copyOf(dkimKeys);
        sendingAddresses = List.copyOf(sendingAddresses);
        spfIncludes = List.copyOf(spfIncludes);
        if (dkimKeys.isEmpty()) {
            throw new IllegalArgumentException(domain + ": at least one DKIM key is required");
        }
        Set<String> names = new HashSet<>();
        for (DkimKey key : dkimKeys) {
            if (!DomainName.of(key.domain()).isAtOrBelow(domain)) {
                throw new IllegalArgumentException(domain + ": DKIM key " + key.dnsName() + " belongs to another domain");
            }
            if (!names.add(key.dnsName())) {
                throw new IllegalArgumentException(domain + ": DKIM selector " + key.selector() + " used twice");
            }
        }
        if (sendingAddresses.isEmpty()) {
            throw new IllegalArgumentException(domain + ": at least one sending IP address is required");
        }
        for (InetAddress a : sendingAddresses) {
            if (a.isAnyLocalAddress() || a.isMulticastAddress() || a.isLinkLocalAddress()) {
                throw new IllegalArgumentException(domain + ": " + a.getHostAddress() + " cannot be a sending address");
            }
        }
        if (returnPath.isPresent()) {
            DomainName bounce = returnPath.get().domain();
            if (bounce.equals(domain)) {
                throw new IllegalArgumentException(domain + ": the return-path domain must be a subdomain such as bounce."
                        + domain + "; an MX at the sending domain itself would take over its inbound mail");
            }
            if (!bounce.isAtOrBelow(domain)) {
                throw new IllegalArgumentException(domain + ": return-path domain " + bounce
                        + " must lie below the sending domain, or SPF will not align for DMARC");
            }
        }
        SpfRecord.authorising(sendingAddresses, spfIncludes); // validates includes and the lookup limit
    }

    /** The records with {@link #DEFAULT_TTL_SECONDS}. */
    public List<DnsRecord> records() {
        return records(DEFAULT_TTL_SECONDS);
    }

    /** DKIM keys in the given order, SPF, DMARC, then the return-path MX and SPF. */
    public List<DnsRecord> records(long ttlSeconds) {
        List<DnsRecord> records = new ArrayList<>();
        for (DkimKey key : dkimKeys) {
            records.add(new DnsRecord(key.dnsName(), DnsRecord.Type.TXT, ttlSeconds, key.dnsTxtValue()));
        }
        String spf = spf().value();
        records.add(new DnsRecord(domain.value(), DnsRecord.Type.TXT, ttlSeconds, spf));
        records.add(new DnsRecord("_dmarc." + domain.value(), DnsRecord.Type.TXT, ttlSeconds, dmarc.txtValue()));
        returnPath.ifPresent(rp -> {
            records.add(new DnsRecord(rp.domain().value(), DnsRecord.Type.MX, ttlSeconds,
                    rp.preference() + " " + rp.mxHost().value() + "."));
            records.add(new DnsRecord(rp.domain().value(), DnsRecord.Type.TXT, ttlSeconds, spf));
        });
        return records;
    }

    public SpfRecord spf() {
        return SpfRecord.authorising(sendingAddresses, spfIncludes);
    }
}
