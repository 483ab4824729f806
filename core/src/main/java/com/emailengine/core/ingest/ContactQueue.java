package com.emailengine.core.ingest;

import java.time.Duration;
import java.util.List;

/**
 * The queue between the ingest API and the intake (SQS in the cloud and locally). Thread-safe.
 */
public interface ContactQueue {

    /** The longest delay a submission can be queued with (SQS's DelaySeconds limit). */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /**
     * Queues every submission durably before returning. Throws when any could not be queued; some may then be queued
     * already, which is harmless: the caller answers "retry", and the intake is idempotent.
     */
    void submitAll(List<ContactSubmission> submissions);

    /** Queues one submission to be received after {@code delay} (at most {@link #MAX_DELAY}). */
    void submitLater(ContactSubmission submission, Duration delay);
}
