package com.emailengine.local.runtime;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.emailengine.emulators.cloud.LocalAccount;
import com.emailengine.platform.runtime.Log;
import com.emailengine.platform.topology.ScheduleDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * EventBridge's schedules for the local cloud: fires each schedule's function on the schedule's own
 * expression (the one CDK deploys). {@code speedup} divides rate periods so a demo need not wait a
 * minute; cron schedules keep wall-clock time (UTC). A schedule never overlaps itself, like a function
 * with reserved concurrency 1: a firing that comes while a run is going waits for it, and firings
 * missed meanwhile collapse into one.
 *
 * <p>Thread-safe. {@link #close()} stops the firing and waits for runs in progress (each at most its
 * function's timeout), so what they write lands before the emulators behind them stop.
 */
public final class LocalScheduler implements AutoCloseable {

    private record Entry(ScheduleDefinition definition, ScheduleExpression expression, LocalFunction function,
                         ReentrantLock running, Thread thread) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final double speedup;

    public LocalScheduler(double speedup) {
        if (!(speedup >= 1) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be a finite number of at least 1, was " + speedup);
        }
        this.speedup = speedup;
    }

    /**
     * Starts firing {@code function} on the schedule.
     *
     * @throws IllegalArgumentException for a bad expression or a schedule name already added
     * @throws IllegalStateException    after {@link #close()}
     */
    public synchronized void add(ScheduleDefinition definition, LocalFunction function) {
        if (closed.getCount() == 0) {
            throw new IllegalStateException("the scheduler is closed");
        }
        if (entries.containsKey(definition.name())) {
            throw new IllegalArgumentException("schedule " + definition.name() + " is already added");
        }
        ScheduleExpression expression = ScheduleExpression.parse(definition.expression());
        Thread thread = Thread.ofVirtual().name("ee-schedule-" + definition.name()).unstarted(() -> loop(definition.name()));
        entries.put(definition.name(), new Entry(definition, expression, function, new ReentrantLock(), thread));
        thread.start();
    }

    private void loop(String name) {
        Entry entry = entries.get(name);
        try {
            if (entry.expression() instanceof ScheduleExpression.Rate rate) {
                fireAtFixedRate(entry, scaled(rate.period()));
            } else {
                fireOnWallClock(entry);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rates run on the monotonic clock, from the moment the schedule was added: t0 + period, t0 + 2 periods... */
    private void fireAtFixedRate(Entry entry, long periodNanos) throws InterruptedException {
        long next = System.nanoTime() + periodNanos;
        while (!closed.await(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            fireScheduled(entry, Instant.now());
            next += periodNanos;
            // A run longer than the period: the missed firings collapse into one, right away.
            next = Math.max(next, System.nanoTime());
        }
    }

    /** Cron runs on UTC wall-clock time; the event's time is the scheduled minute. */
    private void fireOnWallClock(Entry entry) throws InterruptedException {
        Instant previous = Instant.now();
        while (true) {
            Instant next;
            try {
                next = entry.expression().next(previous);
            } catch (IllegalStateException e) {
                Log.warn("scheduler", "schedule " + entry.definition().name() + " stops: " + e.getMessage());
                return;
            }
            if (closed.await(Math.max(0, Duration.between(Instant.now(), next).toNanos()), TimeUnit.NANOSECONDS)) {
                return;
            }
            fireScheduled(entry, next);
            Instant now = Instant.now();
            previous = next.isBefore(now) ? now : next;
        }
    }

    private long scaled(Duration period) {
        return Math.max(1, (long) (period.toNanos() / speedup));
    }

    /**
     * Fires the schedule now, as {@code aws lambda invoke} would, waiting for a run already going to end
     * first.
     *
     * @return the function's result
     * @throws IllegalArgumentException naming the known schedules, when there is no schedule {@code name}
     * @throws RuntimeException         what the function threw
     */
    public Object fire(String name) {
        return run(entry(name), Instant.now(), false);
    }

    private Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no schedule " + name + "; known: " + entries.keySet().stream().sorted().toList());
        }
        return entry;
    }

    /**
     * Skips the schedule's firings from now on, as disabling an EventBridge rule does; {@link #fire} still runs it.
     * Returns once a run in progress has ended, so that nothing it would queue is still on its way.
     *
     * @throws IllegalArgumentException naming the known schedules, when there is no schedule {@code name}
     */
    public void disable(String name) {
        Entry entry = entry(name);
        disabled.add(name);
        entry.running().lock();
        entry.running().unlock();
    }

    /** Fires the schedule again on its expression, as enabling an EventBridge rule does. */
    public void enable(String name) {
        entry(name);
        disabled.remove(name);
    }

    private void fireScheduled(Entry entry, Instant time) {
        try {
            run(entry, time, true);
        } catch (RuntimeException | Error e) {
            // As EventBridge: a failed run is reported and the schedule goes on.
            Log.warn("scheduler", "schedule " + entry.definition().name() + " failed: " + e);
        }
    }

    private Object run(Entry entry, Instant time, boolean scheduled) {
        entry.running().lock();
        try {
            // Checked under the lock: disable() takes it too, so no firing that passed the check can start after it.
            if (scheduled && disabled.contains(entry.definition().name())) {
                return null;
            }
            return entry.function().invoke(event(entry.definition(), time));
        } finally {
            entry.running().unlock();
        }
    }

    /** The event EventBridge sends for a scheduled rule (source aws.events, detail-type "Scheduled Event"). */
    private static ScheduledEvent event(ScheduleDefinition definition, Instant time) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(LocalAccount.ACCOUNT_ID);
        event.setRegion(LocalAccount.REGION);
        event.setTime(new DateTime(time.getEpochSecond() * 1000, DateTimeZone.UTC));
        event.setResources(List.of("arn:aws:events:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":rule/" + definition.name()));
        event.setDetail(Map.of());
        return event;
    }

    /** Stops firing and waits for the runs in progress; idempotent. */
    @Override
    public void close() {
        closed.countDown();
        for (Entry entry : entries.values()) {
            try {
                if (!entry.thread().join(entry.function().definition().timeout().plusSeconds(1))) {
                    Log.warn("scheduler", "schedule " + entry.definition().name() + " is still running past its function's timeout");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
