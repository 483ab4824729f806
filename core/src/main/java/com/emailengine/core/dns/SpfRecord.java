package com.emailengine.core.dns;

import com.emailengine.core.names.DomainName;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An SPF policy (RFC 7208) that authorises exactly the given addresses, as {@code ip4:} and
 * {@code ip6:} mechanisms over collapsed CIDR blocks, plus optional {@code include:}s for other
 * services, and fails everything else ({@code -all}).
 *
 * @param value      the record text, one logical string (split it with {@link TxtCharacterStrings})
 * @param dnsLookups the DNS-querying terms at this level ({@code ip4}/{@code ip6} cost none, each
 *                   include one); lookups made inside included records also count toward the
 *                   limit of 10 but cannot be seen offline
 */
public record SpfRecord(String value, int dnsLookups) {

    /** RFC 7208 §4.6.4: more DNS-querying terms than this make the check a permerror. */
    public static final int MAX_DNS_LOOKUPS = 10;

    public SpfRecord {
        Objects.requireNonNull(value, "value");
    }

    public static SpfRecord authorising(Collection<? extends InetAddress> addresses, List<String> includes) {
        if (includes.size() > MAX_DNS_LOOKUPS) {
            throw new IllegalArgumentException("SPF allows at most " + MAX_DNS_LOOKUPS + " DNS lookups (RFC 7208 §4.6.4); "
                    + includes.size() + " include: terms need at least " + includes.size());
        }
        if (addresses.isEmpty() && includes.isEmpty()) {
            throw new IllegalArgumentException("an SPF record needs at least one sending address or include");
        }
        List<String> terms = new ArrayList<>();
        terms.add("v=spf1");
        for (AddressBlocks.Block block : AddressBlocks.collapse(addresses)) {
            terms.add((block.isIpv4() ? "ip4:" : "ip6:") + block);
        }
        for (String include : includes) {
            String problem = DomainName.problemWith(include.replace("_", "a"), 2); // _spf.example.net is usual
            if (problem != null) {
                throw new IllegalArgumentException("invalid SPF include '" + include + "': " + problem);
            }
            terms.add("include:" + include.toLowerCase(java.util.Locale.ROOT));
        }
        terms.add("-all");
        return new SpfRecord(String.join(" ", terms), includes.size());
    }
}
