package com.emailengine.core.warmup;

import java.time.Duration;
import java.util.List;

/**
 * The DNS blocklists (DNSBLs, RFC 5782) the fleet checks its sending IPs against, from {@code warmup.yaml}'s
 * {@code pause:} section. An IP listed on one of them is paused like an IP a receiver refused.
 *
 * @param zones      the blocklists' zones, e.g. {@code zen.spamhaus.org}; empty: nothing is checked
 * @param checkEvery how often each leased IP is checked against every zone
 */
public record BlocklistWatch(List<String> zones, Duration checkEvery) {

    /** Lists change within minutes of a spam run, but their operators ask clients not to poll much faster. */
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMinutes(30);

    public static final BlocklistWatch NONE = new BlocklistWatch(List.of(), DEFAULT_CHECK_EVERY);

    public BlocklistWatch {
        zones = List.copyOf(zones);
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("a blocklist check interval must be positive, got " + checkEvery);
        }
    }

    public boolean watchesAny() {
        return !zones.isEmpty();
    }
}
