package com.emailengine.fleet.ip;

import com.emailengine.adapters.fleetstate.FleetStateKeys;
import com.emailengine.adapters.fleetstate.IpLeases;
import com.emailengine.adapters.fleetstate.SendingQuotas;
import com.emailengine.adapters.fleetstate.WarmupRecords;
import com.emailengine.core.smtp.ReplyClass;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.throttle.Provider;
import com.emailengine.core.throttle.ThrottleLimits;
import com.emailengine.core.warmup.WarmupDayStats;
import com.emailengine.core.warmup.WarmupPlan;
import com.emailengine.core.warmup.WarmupProgress;
import com.emailengine.core.warmup.WarmupStatus;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.fleet.smtp.HostReply;
import com.emailengine.fleet.smtp.SmtpChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a node knows and decides about one source IP while it holds the IP's lease: the IP's warmup state
 * for today, the quota blocks it reserved (daily per provider share group, hourly per provider), the
 * backoff per provider after throttling replies, its SMTP connection slots per provider, and the traffic
 * counts not yet written to the shared table. Thread-safe: decisions run under the instance's lock; the
 * SMTP work happens outside it.
 */
public final class SendingIp {

    /** What {@link #tryTake} found. */
    sealed interface Take permits Taken, Busy, NotBefore {
    }

    record Taken(SendingSlot slot) implements Take {
    }

    /** Every connection slot to the provider is in use: try again in a moment. */
    record Busy() implements Take {
    }

    /** Nothing can go to the provider from this IP before then (quota used up, backoff, pause, no lease). */
    record NotBefore(Instant at, String why) implements Take {
    }

    private static final Duration LEASE_MARGIN = Duration.ofSeconds(2);
    private static final Duration HOUR_ITEM_LIFE = Duration.ofDays(2);
    private static final int MAX_BLOCK = 50;

    private final SendingAddress address;
    private final String tenantId;
    private final WarmupPlan plan;
    private final SendingQuotas quotas;
    private final WarmupRecords warmups;
    private final FleetMetrics metrics;
    private final Clock clock;
    private final SlotFactory slots;

    private volatile IpLeases.Lease lease;
    private WarmupProgress progress;
    private final Map<String, Allowance> allowances = new HashMap<>();
    private final Map<String, Backoff> backoffs = new HashMap<>();
    private final Map<String, ConnectionSlots> connections = new ConcurrentHashMap<>();
    private final Map<String, long[]> pending = new LinkedHashMap<>();

    /** Makes the connection slots of a provider, sized by its limits. */
    interface SlotFactory {
        ConnectionSlots create(SendingAddress address, ThrottleLimits limits);
    }

    private static final class Allowance {
        final String item;
        int remaining;
        boolean exhausted;

        Allowance(String item) {
            this.item = item;
        }
    }

    private record Backoff(Instant until, int consecutive) {
    }

    SendingIp(SendingAddress address, String tenantId, WarmupPlan plan, SendingQuotas quotas, WarmupRecords warmups,
              FleetMetrics metrics, Clock clock, SlotFactory slots) {
        this.address = address;
        this.tenantId = tenantId;
        this.plan = plan;
        this.quotas = quotas;
        this.warmups = warmups;
        this.metrics = metrics;
        this.clock = clock;
        this.slots = slots;
    }

    SendingAddress address() {
        return address;
    }

    public String ip() {
        return address.ip();
    }

    String tenantId() {
        return tenantId;
    }

    Optional<IpLeases.Lease> lease() {
        return Optional.ofNullable(lease);
    }

    void leased(IpLeases.Lease held) {
        boolean changed = lease == null || held == null || lease.token() != held.token();
        lease = held;
        if (changed) {
            synchronized (this) {
                // A new lease (or none): quota blocks reserved under the old token are not ours to spend.
                allowances.clear();
            }
        }
        metrics.leased.set(held == null ? 0 : 1, ip(), tenantId);
    }

    boolean usable(Instant now) {
        IpLeases.Lease held = lease;
        return held != null && held.until().isAfter(now.plus(LEASE_MARGIN));
    }

    /** Takes a connection slot and one message of every quota that applies, or says why not and until when. */
    Take tryTake(Provider provider, String shareGroup) {
        Instant now = clock.instant();
        IpLeases.Lease held = lease;
        if (held == null || !held.until().isAfter(now.plus(LEASE_MARGIN))) {
            return new NotBefore(now.plusSeconds(5), "lease of " + ip() + " not held");
        }
        ThrottleLimits limits = provider.limits();
        synchronized (this) {
            WarmupProgress today = today(now);
            if (today.status() == WarmupStatus.PAUSED) {
                Instant until = today.pausedUntil().isAfter(now) ? today.pausedUntil() : tomorrow(now);
                return new NotBefore(until, ip() + " paused: " + today.reason());
            }
            Backoff backoff = backoffs.get(provider.name());
            if (backoff != null && backoff.until().isAfter(now)) {
                return new NotBefore(backoff.until(), ip() + " backing off " + provider.name());
            }
        }
        ConnectionSlots providerSlots = connections.computeIfAbsent(provider.name(), p -> slots.create(address, limits));
        SmtpChannel channel = providerSlots.tryTake();
        if (channel == null) {
            return new Busy();
        }
        try {
            return takeQuota(provider, shareGroup, held, providerSlots, channel, now);
        } catch (SendingQuotas.FencedOut e) {
            providerSlots.giveBack(channel);
            leased(null);
            return new NotBefore(now.plusSeconds(5), e.getMessage());
        } catch (RuntimeException e) {
            providerSlots.giveBack(channel);
            throw e;
        }
    }

    private Take takeQuota(Provider provider, String shareGroup, IpLeases.Lease held, ConnectionSlots providerSlots,
                           SmtpChannel channel, Instant now) {
        ThrottleLimits limits = provider.limits();
        synchronized (this) {
            WarmupProgress today = today(now);
            Allowance hourly = null;
            if (limits.limitsHourlyRate()) {
                hourly = allowance(FleetStateKeys.hour(now, provider.name()));
                if (!take(hourly, held.token(), limits.messagesPerHour(), now.truncatedTo(ChronoUnit.HOURS).plus(HOUR_ITEM_LIFE))) {
                    providerSlots.giveBack(channel);
                    return new NotBefore(now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)),
                            ip() + " used its hourly limit for " + provider.name());
                }
            }
            Allowance daily = null;
            if (today.status() == WarmupStatus.WARMING) {
                int quota = plan.providerQuota(today.day(), shareGroup);
                metrics.warmupQuota.set(quota, ip(), shareGroup);
                daily = allowance(FleetStateKeys.day(FleetStateKeys.utcDate(now), shareGroup));
                if (!take(daily, held.token(), quota, FleetStateKeys.dayItemExpiry(FleetStateKeys.utcDate(now)))) {
                    if (hourly != null) {
                        hourly.remaining++;
                    }
                    providerSlots.giveBack(channel);
                    return new NotBefore(tomorrow(now), ip() + " used its warmup quota for " + shareGroup + " today");
                }
            }
            return new Taken(new SendingSlot(this, provider, shareGroup, channel, providerSlots, daily == null ? null : daily.item,
                    hourly == null ? null : hourly.item));
        }
    }

    private Allowance allowance(String item) {
        Allowance existing = allowances.get(item);
        if (existing != null) {
            return existing;
        }
        // A new hour or day: the blocks of earlier ones can no longer be spent.
        String period = period(item);
        allowances.keySet().removeIf(key -> key.charAt(0) == item.charAt(0) && !period(key).equals(period));
        Allowance fresh = new Allowance(item);
        allowances.put(item, fresh);
        return fresh;
    }

    /** The date or hour of a quota item: {@code day#2026-03-02#gmail} gives {@code 2026-03-02}. */
    private static String period(String item) {
        int first = item.indexOf('#');
        return item.substring(first + 1, item.indexOf('#', first + 1));
    }

    /** One message from the local block, reserving a new block from the shared quota when it is empty. */
    private boolean take(Allowance allowance, long token, int limit, Instant expires) {
        if (allowance.remaining == 0 && !allowance.exhausted) {
            int block = Math.max(1, Math.min(MAX_BLOCK, limit / 20));
            int granted = quotas.reserve(ip(), allowance.item, token, limit, block, expires);
            allowance.remaining += granted;
            allowance.exhausted = granted == 0;
        }
        if (allowance.remaining == 0) {
            return false;
        }
        allowance.remaining--;
        return true;
    }

    /** An unused take: the messages go back to the local blocks. */
    synchronized void giveBack(String dayItem, String hourItem) {
        if (dayItem != null && allowances.containsKey(dayItem)) {
            allowances.get(dayItem).remaining++;
        }
        if (hourItem != null && allowances.containsKey(hourItem)) {
            allowances.get(hourItem).remaining++;
        }
    }

    /** Records one attempt's verdict: counters, backoff, and a pause when the receiver refused the IP. */
    void recordAttempt(Provider provider, String shareGroup, HostReply reply) {
        Instant now = clock.instant();
        String day = FleetStateKeys.day(FleetStateKeys.utcDate(now), shareGroup);
        ReplyClass verdict = reply.replyClass();
        synchronized (this) {
            long[] counts = pending.computeIfAbsent(day, d -> new long[SendingQuotas.COUNTERS.size()]);
            counts[0]++;
            switch (verdict) {
                case ACCEPTED -> {
                    counts[1]++;
                    backoffs.remove(provider.name());
                }
                case SENDER_REFUSED -> {
                    counts[5]++;
                    counts[2]++;
                    backoffs.put(provider.name(), new Backoff(now.plus(provider.limits().maxBackoff()), 99));
                    WarmupProgress current = today(now);
                    if (current.status() == WarmupStatus.WARMING) {
                        pauseNow(current, now, "paused: " + provider.name() + " refused the IP (" + reply.reply() + ")");
                    }
                }
                case BAD_ADDRESS, REFUSED -> counts[4]++;
                case THROTTLED -> {
                    counts[2]++;
                    counts[3]++;
                    Backoff previous = backoffs.get(provider.name());
                    int consecutive = previous == null ? 1 : previous.consecutive() + 1;
                    backoffs.put(provider.name(), new Backoff(now.plus(provider.limits().backoffAfter(consecutive)), consecutive));
                }
                case TEMPORARY -> counts[2]++;
            }
        }
        metrics.messages.inc(ip(), provider.name(), verdict.outcome().wireName());
        if (verdict == ReplyClass.THROTTLED) {
            metrics.throttled.inc(ip(), provider.name());
        }
        if (verdict == ReplyClass.SENDER_REFUSED) {
            metrics.blocked.inc(ip(), provider.name());
        }
    }

    private void pauseNow(WarmupProgress current, Instant now, String why) {
        WarmupProgress paused = current.pausedNow(now.plus(plan.thresholds().pauseFor()), why);
        if (warmups.replace(ip(), Optional.of(current), paused)) {
            progress = paused;
        } else {
            progress = null;
        }
    }

    /**
     * Pauses the IP now, whether warming or warm, because a blocklist lists it: a listed IP is refused by the
     * receivers that use the list, and every refusal costs it more reputation. Written to the warmup record, so
     * every node stops sending from it. False when it was paused already (a pause is never lengthened: once it
     * has rested, the next check pauses it again if the listing remains).
     */
    public boolean pauseForListing(String why) {
        Instant now = clock.instant();
        synchronized (this) {
            for (int round = 0; round < 3; round++) {
                WarmupProgress current = today(now);
                if (current.status() == WarmupStatus.PAUSED) {
                    return false;
                }
                pauseNow(current, now, why);
                if (progress != null) {
                    return true;
                }
            }
        }
        throw new IllegalStateException("warmup record of " + ip() + " keeps changing under this node");
    }

    /** Writes the traffic counts gathered since the last flush to the shared day items. */
    void flush() {
        Map<String, long[]> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(pending);
            pending.clear();
        }
        for (Map.Entry<String, long[]> item : batch.entrySet()) {
            Map<String, Long> named = new LinkedHashMap<>();
            for (int i = 0; i < item.getValue().length; i++) {
                named.put(SendingQuotas.COUNTERS.get(i), item.getValue()[i]);
            }
            LocalDate date = LocalDate.parse(item.getKey().substring(4, 14));
            try {
                quotas.add(ip(), item.getKey(), named, FleetStateKeys.dayItemExpiry(date));
            } catch (RuntimeException e) {
                // Kept for the next flush, not dropped: a write whose answer was lost may then count twice, which
                // over-counts the day (the quota is never exceeded); dropping it would let a restart exceed it.
                keepUnwritten(batch, item.getKey());
                throw e;
            }
        }
    }

    /** Puts this item and the ones after it back into the pending counts, adding to what arrived meanwhile. */
    private synchronized void keepUnwritten(Map<String, long[]> batch, String from) {
        boolean unwritten = false;
        for (Map.Entry<String, long[]> item : batch.entrySet()) {
            unwritten |= item.getKey().equals(from);
            if (unwritten) {
                long[] counts = pending.computeIfAbsent(item.getKey(), d -> new long[SendingQuotas.COUNTERS.size()]);
                for (int i = 0; i < counts.length; i++) {
                    counts[i] += item.getValue()[i];
                }
            }
        }
    }

    /** Today's warmup state: reviewed once per UTC day (by whichever node gets there first). */
    private WarmupProgress today(Instant now) {
        LocalDate date = FleetStateKeys.utcDate(now);
        if (progress != null && progress.reviewedOn().equals(date)) {
            return progress;
        }
        for (int round = 0; round < 3; round++) {
            Optional<WarmupProgress> stored = warmups.read(ip());
            WarmupProgress next;
            if (stored.isEmpty()) {
                next = plan.isWarm(ip()) ? WarmupProgress.warm(date) : WarmupProgress.start(date);
            } else if (plan.isWarm(ip()) && stored.get().status() != WarmupStatus.WARM) {
                next = WarmupProgress.warm(date);
            } else if (stored.get().reviewedOn().isBefore(date)) {
                flush();
                WarmupDayStats yesterday = quotas.dayStats(ip(), date.minusDays(1));
                next = plan.review(stored.get(), yesterday, date, now);
            } else {
                next = stored.get();
            }
            if (stored.isPresent() && next.equals(stored.get()) || warmups.replace(ip(), stored, next)) {
                progress = next;
                metrics.warmupDay.set(next.status() == WarmupStatus.WARM ? 0 : next.day(), ip(), tenantId, next.status().wireName());
                return next;
            }
        }
        throw new IllegalStateException("warmup record of " + ip() + " keeps changing under this node");
    }

    /** The warmup state as last decided, for metrics and status; empty before the first message. */
    synchronized Optional<WarmupProgress> progress() {
        return Optional.ofNullable(progress);
    }

    void closeIdleConnections(Instant before) {
        connections.forEach((provider, providerSlots) -> {
            providerSlots.closeIdle(before);
            metrics.connections.set(providerSlots.open(), ip(), provider);
        });
    }

    public void closeConnections() {
        connections.values().forEach(ConnectionSlots::closeAll);
    }

    private static Instant tomorrow(Instant now) {
        return FleetStateKeys.utcDate(now).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }
}
