package com.emailengine.core.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The automatic warmup of {@code warmup.yaml}: how many messages a new IP may send on each day of its
 * warmup, how that volume is split between the major providers, and when the plan moves on. Pure and
 * immutable; the fleet keeps each IP's {@link WarmupProgress} and counts its traffic.
 *
 * @param dailyVolume    messages per IP on day 1, 2, … of the plan; after the last day the IP is warm
 * @param providerShare  percent of a day's volume per provider name; providers not listed share the
 *                       {@code others} entry; the percentages add up to 100
 * @param warmAddresses  addresses that need no warmup (already warm when they joined the fleet)
 * @param blocklists     the DNS blocklists whose listing pauses an IP
 */
public record WarmupPlan(List<Integer> dailyVolume, Map<String, Integer> providerShare, WarmupThresholds thresholds,
                         Set<String> warmAddresses, BlocklistWatch blocklists) {

    public static final String OTHERS = "others";

    /**
     * Six weeks from 50 a day to 60,000: roughly +50 % a day in week one, then a gentler curve, the shape
     * mailbox providers' sender guidelines and PowerMTA's warmup templates follow.
     */
    public static final List<Integer> SIX_WEEKS = List.of(
            50, 75, 100, 150, 200, 250, 300,
            400, 500, 600, 750, 900, 1_000, 1_200,
            1_500, 1_750, 2_000, 2_500, 3_000, 3_500, 4_000,
            5_000, 6_000, 7_000, 8_000, 9_000, 10_000, 12_000,
            14_000, 16_000, 18_000, 20_000, 23_000, 26_000, 30_000,
            34_000, 38_000, 42_000, 46_000, 50_000, 55_000, 60_000);

    /** Gmail 40 %, Microsoft 30 %, Yahoo 15 %, the rest 15 %: about how B2C lists split. */
    public static final Map<String, Integer> DEFAULT_SHARE = Map.of("gmail", 40, "microsoft", 30, "yahoo", 15, OTHERS, 15);

    public WarmupPlan {
        dailyVolume = List.copyOf(dailyVolume);
        providerShare = Map.copyOf(providerShare);
        warmAddresses = Set.copyOf(warmAddresses);
        Objects.requireNonNull(blocklists, "blocklists");
        if (dailyVolume.isEmpty()) {
            throw new IllegalArgumentException("a warmup plan needs at least one day");
        }
        if (providerShare.values().stream().mapToInt(Integer::intValue).sum() != 100 || !providerShare.containsKey(OTHERS)) {
            throw new IllegalArgumentException("provider shares must include 'others' and add up to 100");
        }
    }

    /** A plan that checks no blocklist. */
    public WarmupPlan(List<Integer> dailyVolume, Map<String, Integer> providerShare, WarmupThresholds thresholds,
                      Set<String> warmAddresses) {
        this(dailyVolume, providerShare, thresholds, warmAddresses, BlocklistWatch.NONE);
    }

    public static WarmupPlan standard() {
        return new WarmupPlan(SIX_WEEKS, DEFAULT_SHARE, WarmupThresholds.DEFAULT, Set.of());
    }

    public int days() {
        return dailyVolume.size();
    }

    /** Messages the IP may send on plan day {@code day}, all providers together. */
    public int dailyQuota(int day) {
        return dailyVolume.get(Math.min(Math.max(day, 1), days()) - 1);
    }

    /** The share group a provider's traffic counts in: its own name when it has a share, else {@code others}. */
    public String shareGroup(String provider) {
        return providerShare.containsKey(provider) ? provider : OTHERS;
    }

    /** Messages the IP may send to one share group on plan day {@code day}; at least 1 where the share is not 0. */
    public int providerQuota(int day, String shareGroup) {
        int percent = providerShare.getOrDefault(shareGroup, 0);
        if (percent == 0) {
            return 0;
        }
        return Math.max(1, (int) ((long) dailyQuota(day) * percent / 100));
    }

    public boolean isWarm(String ip) {
        return warmAddresses.contains(ip);
    }

    /**
     * Decides today's state from yesterday's traffic. Runs once per IP per UTC day (the caller stores the
     * result only if no other node reviewed the IP today). Rules, in order: a paused IP rests until its time
     * and then resumes a few days back; a blocking reply or a complaint spike pauses; too many throttling
     * deferrals step back a day; a day whose quota was used with low bounce and complaint rates advances
     * (past the last day the IP is warm); anything else holds the day.
     */
    public WarmupProgress review(WarmupProgress current, WarmupDayStats yesterday, LocalDate today, Instant now) {
        if (!current.reviewedOn().isBefore(today)) {
            return current;
        }
        return switch (current.status()) {
            case WARM -> new WarmupProgress(current.day(), WarmupStatus.WARM, today, Instant.EPOCH, current.reason());
            case PAUSED -> now.isBefore(current.pausedUntil())
                    ? new WarmupProgress(current.day(), WarmupStatus.PAUSED, today, current.pausedUntil(), current.reason())
                    : new WarmupProgress(Math.max(1, current.day() - thresholds.stepBackOnResume()), WarmupStatus.WARMING,
                            today, Instant.EPOCH, "resumed after a pause, " + thresholds.stepBackOnResume() + " day(s) back");
            case WARMING -> reviewWarming(current, yesterday, today, now);
        };
    }

    private WarmupProgress reviewWarming(WarmupProgress current, WarmupDayStats y, LocalDate today, Instant now) {
        int day = current.day();
        if (y.blocked() > 0) {
            return new WarmupProgress(day, WarmupStatus.PAUSED, today, now.plus(thresholds.pauseFor()),
                    "paused: " + y.blocked() + " connection(s) refused with 5xx (blocklisted?)");
        }
        if (y.complaintRate() > thresholds.pauseComplaintRate()) {
            return new WarmupProgress(day, WarmupStatus.PAUSED, today, now.plus(thresholds.pauseFor()),
                    String.format("paused: complaint rate %.2f%% above %.2f%%", 100 * y.complaintRate(), 100 * thresholds.pauseComplaintRate()));
        }
        if (y.throttledRate() > thresholds.maxThrottledRate()) {
            return new WarmupProgress(Math.max(1, day - 1), WarmupStatus.WARMING, today, Instant.EPOCH,
                    String.format("slowed down: %.1f%% of attempts throttled", 100 * y.throttledRate()));
        }
        if (y.bounceRate() > thresholds.maxBounceRate()) {
            return hold(day, today, String.format("held: bounce rate %.1f%%", 100 * y.bounceRate()));
        }
        if (y.complaintRate() > thresholds.maxComplaintRate()) {
            return hold(day, today, String.format("held: complaint rate %.2f%%", 100 * y.complaintRate()));
        }
        if (y.attempts() < Math.ceil(thresholds.minSentShare() * dailyQuota(day))) {
            return hold(day, today, "held: " + y.attempts() + " of " + dailyQuota(day) + " sent");
        }
        if (day >= days()) {
            return new WarmupProgress(day, WarmupStatus.WARM, today, Instant.EPOCH, "warm: plan completed");
        }
        return new WarmupProgress(day + 1, WarmupStatus.WARMING, today, Instant.EPOCH, "advanced: day " + day + " done");
    }

    private static WarmupProgress hold(int day, LocalDate today, String reason) {
        return new WarmupProgress(day, WarmupStatus.WARMING, today, Instant.EPOCH, reason);
    }
}
