package com.emailengine.core.throttle;

import java.util.List;
import java.util.Locale;

/**
 * A mailbox provider as the fleet throttles it: every MX host matching one of its patterns rolls up to it
 * (all of Google's MX hosts are one Gmail), so limits hold per provider, not per host.
 *
 * @param name       the provider's name in configuration, metrics and warmup shares, e.g. {@code gmail}
 * @param mxPatterns host names, exact ({@code mx1.gmail.test}) or a suffix after {@code *.} ({@code *.google.com})
 * @param domains    recipient domains that belong to the provider whatever their MX (PowerMTA's {@code <domain>}
 *                   blocks import as these)
 */
public record Provider(String name, List<String> mxPatterns, List<String> domains, ThrottleLimits limits) {

    public Provider(String name, List<String> mxPatterns, ThrottleLimits limits) {
        this(name, mxPatterns, List.of(), limits);
    }

    /** The name of the provider every unmatched MX host belongs to. */
    public static final String OTHERS = "others";

    public Provider {
        mxPatterns = mxPatterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether mail to this recipient domain goes to the provider because the domain is listed. */
    public boolean owns(String recipientDomain) {
        return domains.contains(recipientDomain.toLowerCase(Locale.ROOT));
    }

    public boolean serves(String mxHost) {
        String host = mxHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (String pattern : mxPatterns) {
            if (pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
