package com.emailengine.core.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistent enrollments. Safe for concurrent use from many processes; writes are conditional so that
 * a step is advanced at most once however often the scheduler retries.
 */
public interface EnrollmentStore {

    /** Stores the enrollment unless the contact is already in that campaign; true when created. */
    boolean enrollIfAbsent(Enrollment enrollment);

    /** Enrollments of the tenant whose next step is due at or before {@code now}, earliest first. */
    List<Enrollment> due(String tenantId, Instant now, int limit);

    /**
     * Moves the enrollment from step {@code fromStep} to {@code fromStep + 1}, due at {@code nextDue}
     * (empty: finished). False when another run already moved it.
     */
    boolean advance(Enrollment enrollment, int fromStep, Optional<Instant> nextDue);

    /**
     * Moves a pending step's due time to {@code until} without sending it (its campaign is paused), so that it does
     * not fill every run's batch; false when the enrollment is no longer at {@code step}.
     */
    boolean postpone(Enrollment enrollment, int step, Instant until);

    /** Ends the enrollment early (contact no longer mailable); idempotent. */
    void stop(Enrollment enrollment, String reason);
}
