package com.emailengine.fleet.ip;

import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.throttle.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the source IP of a message: one of the tenant's own pool that this node leases, that is not
 * paused, not backing off the provider, has a free connection slot to it and quota left for today (warmup)
 * and this hour (throttle). IPs are tried round robin so traffic spreads over the pool. When all the
 * usable IPs are merely busy it waits a little for a connection slot; when none can send to the provider
 * before some time, it says how long to wait, and the message goes back to its queue until then.
 * Thread-safe.
 */
public final class SourceSelector {

    /** The result of a choice. */
    public sealed interface Choice permits Chosen, Wait {
    }

    public record Chosen(SendingSlot slot) implements Choice {
    }

    public record Wait(Duration delay, String why) implements Choice {
    }

    private static final Duration BUSY_PAUSE = Duration.ofMillis(20);
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);
    /** Back on the queue this long when every connection slot stayed busy: each return is one more SQS receive. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(10);

    private final LeaseKeeper keeper;
    private final Clock clock;
    private final Duration busyWait;
    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    /** @param busyWait how long a sender may wait for a connection slot before the message goes back to the queue */
    public SourceSelector(LeaseKeeper keeper, Clock clock, Duration busyWait) {
        this.keeper = keeper;
        this.clock = clock;
        this.busyWait = busyWait;
    }

    public Choice choose(Tenant tenant, Provider provider, String shareGroup) {
        long giveUp = System.nanoTime() + busyWait.toNanos();
        while (true) {
            Instant now = clock.instant();
            List<SendingIp> usable = keeper.usable(tenant.id(), now);
            if (usable.isEmpty()) {
                return new Wait(Duration.ofSeconds(5), "this node holds no usable IP of tenant " + tenant.id());
            }
            int start = Math.floorMod(cursors.computeIfAbsent(tenant.id(), t -> new AtomicInteger()).getAndIncrement(), usable.size());
            boolean busy = false;
            Instant earliest = null;
            String why = "";
            for (int i = 0; i < usable.size(); i++) {
                SendingIp ip = usable.get((start + i) % usable.size());
                SendingIp.Take take = ip.tryTake(provider, shareGroup);
                switch (take) {
                    case SendingIp.Taken taken -> {
                        return new Chosen(taken.slot());
                    }
                    case SendingIp.Busy b -> busy = true;
                    case SendingIp.NotBefore notBefore -> {
                        if (earliest == null || notBefore.at().isBefore(earliest)) {
                            earliest = notBefore.at();
                            why = notBefore.why();
                        }
                    }
                }
            }
            if (busy && System.nanoTime() < giveUp) {
                pause();
                continue;
            }
            if (busy) {
                return new Wait(BUSY_RETRY, "every connection slot to " + provider.name() + " is in use");
            }
            Duration delay = Duration.between(now, earliest);
            return new Wait(delay.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : delay, why);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BUSY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a connection slot", e);
        }
    }
}
