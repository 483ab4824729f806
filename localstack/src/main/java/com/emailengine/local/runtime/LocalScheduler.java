package com.emailengine.local.runtime;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.emailengine.functions.runtime.Log;
import com.emailengine.functions.topology.ScheduleDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.joda.time.DateTime;

/**
 * EventBridge's schedules for the local cloud: fires each schedule's function on the schedule's own
 * expression (the one CDK deploys). {@code speedup} divides rate periods so a demo need not wait a
 * minute; cron schedules keep wall-clock time. A schedule never overlaps itself, like a function with
 * reserved concurrency 1. Thread-safe.
 */
public final class LocalScheduler implements AutoCloseable {

    private record Entry(ScheduleDefinition definition, ScheduleExpression expression, LocalFunction function,
                         ReentrantLock running) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final double speedup;
    private volatile boolean open = true;

    public LocalScheduler(double speedup) {
        if (speedup < 1) {
            throw new IllegalArgumentException("speedup must be at least 1");
        }
        this.speedup = speedup;
    }

    public void add(ScheduleDefinition definition, LocalFunction function) {
        Entry entry = new Entry(definition, ScheduleExpression.parse(definition.expression()), function, new ReentrantLock());
        entries.put(definition.name(), entry);
        Thread thread = Thread.ofVirtual().name("ee-schedule-" + definition.name()).start(() -> loop(entry));
        threads.add(thread);
    }

    private void loop(Entry entry) {
        Instant last = Instant.now();
        while (open) {
            Instant next = entry.expression().next(last);
            Duration wait = Duration.between(last, next);
            if (entry.expression() instanceof ScheduleExpression.Rate) {
                wait = Duration.ofMillis((long) (wait.toMillis() / speedup));
            } else {
                wait = Duration.between(Instant.now(), next);
            }
            try {
                Thread.sleep(Math.max(0, wait.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
            if (!open) {
                return;
            }
            last = entry.expression() instanceof ScheduleExpression.Rate ? Instant.now() : next;
            fire(entry);
        }
    }

    /** Fires the schedule now, waiting for the run (or for a run already going) to finish. */
    public Object fire(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no schedule " + name + "; known: " + entries.keySet());
        }
        return fire(entry);
    }

    private Object fire(Entry entry) {
        entry.running().lock();
        try {
            return entry.function().invoke(event(entry.definition()));
        } catch (RuntimeException e) {
            Log.warn("scheduler", "schedule " + entry.definition().name() + " failed: " + e);
            return null;
        } finally {
            entry.running().unlock();
        }
    }

    private static ScheduledEvent event(ScheduleDefinition definition) {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount("000000000000");
        event.setRegion("local");
        event.setTime(new DateTime(System.currentTimeMillis()));
        event.setResources(List.of("arn:aws:events:local:000000000000:rule/" + definition.name()));
        event.setDetail(Map.of());
        return event;
    }

    @Override
    public void close() {
        open = false;
        threads.forEach(Thread::interrupt);
    }
}
