package com.emailengine.fleet.queue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's in-flight window shared fairly by its queues: at most {@code size} messages held at once,
 * and each queue keeps a reserve ({@code size / (2 × queues)}, at least one) that the other queues cannot
 * take, so one tenant's backlog never leaves another tenant's messages waiting for a slot. Beyond their
 * reserves the queues share the rest first come, first served. Thread-safe.
 */
public final class FairWindow {

    private final int size;
    private final int reserve;
    private final Map<String, Integer> held = new HashMap<>();
    private int inUse;

    public FairWindow(int size, List<String> queues) {
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one queue");
        }
        this.size = size;
        this.reserve = Math.max(1, size / (2 * queues.size()));
        queues.forEach(q -> held.put(q, 0));
    }

    /** Waits until the queue may take at least one slot and takes up to {@code wanted}; returns how many. */
    synchronized int acquire(String queue, int wanted) throws InterruptedException {
        while (true) {
            int allowed = allowed(queue);
            if (allowed > 0) {
                int granted = Math.min(allowed, wanted);
                held.merge(queue, granted, Integer::sum);
                inUse += granted;
                return granted;
            }
            wait();
        }
    }

    synchronized void release(String queue, int count) {
        if (count <= 0) {
            return;
        }
        held.merge(queue, -count, Integer::sum);
        inUse -= count;
        notifyAll();
    }

    public synchronized int held(String queue) {
        return held.getOrDefault(queue, 0);
    }

    /** Free slots minus what the other queues are still owed of their reserves. */
    private int allowed(String queue) {
        int owed = 0;
        for (Map.Entry<String, Integer> entry : held.entrySet()) {
            if (!entry.getKey().equals(queue)) {
                owed += Math.max(0, reserve - entry.getValue());
            }
        }
        return size - inUse - owed;
    }
}
