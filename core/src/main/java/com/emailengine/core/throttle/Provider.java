package com.emailengine.core.throttle;

import java.util.List;
import java.util.Locale;

/**
 * A mailbox provider as the fleet throttles it: every MX host matching one of its patterns rolls up to it
 * (all of Google's MX hosts are one Gmail), so limits hold per provider, not per host.
 *
 * @param name       the provider's name in configuration, metrics and warmup shares, e.g. {@code gmail}
 * @param mxPatterns host names, exact ({@code mx1.gmail.test}) or a suffix after {@code *.} ({@code *.google.com})
 */
public record Provider(String name, List<String> mxPatterns, ThrottleLimits limits) {

    /** The name of the provider every unmatched MX host belongs to. */
    public static final String OTHERS = "others";

    public Provider {
        mxPatterns = mxPatterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
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
