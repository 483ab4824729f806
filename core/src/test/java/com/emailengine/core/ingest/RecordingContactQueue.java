package com.emailengine.core.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A contacts queue that keeps what it was given, in order: each {@link #submitAll} call as one batch, and each delayed
 * submission with its delay. Refuses a delay the real queue cannot hold (negative, or beyond {@link #MAX_DELAY}).
 * Thread-safe.
 */
public final class RecordingContactQueue implements ContactQueue {

    /** A submission put back to be received after {@code delay}. */
    public record Delayed(ContactSubmission submission, Duration delay) {
    }

    private final List<List<ContactSubmission>> batches = new CopyOnWriteArrayList<>();
    private final List<Delayed> delayed = new CopyOnWriteArrayList<>();

    @Override
    public void submitAll(List<ContactSubmission> submissions) {
        batches.add(List.copyOf(submissions));
    }

    @Override
    public void submitLater(ContactSubmission submission, Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("a delay of " + delay + " is not between 0 and " + MAX_DELAY);
        }
        delayed.add(new Delayed(submission, delay));
    }

    /** The {@link #submitAll} calls, each as the list it was given. */
    public List<List<ContactSubmission>> batches() {
        return List.copyOf(batches);
    }

    /** Every submission queued by {@link #submitAll}, in order. */
    public List<ContactSubmission> submitted() {
        return batches.stream().flatMap(List::stream).toList();
    }

    public List<Delayed> delayed() {
        return List.copyOf(delayed);
    }
}
