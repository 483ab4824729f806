package com.emailengine.core.campaign;

import com.emailengine.core.contact.EmailHash;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enrollments in memory, with the DynamoDB store's semantics: one enrollment per contact and campaign; only an
 * enrollment with a pending step is in the "due" view (finishing or stopping takes it out, as removing
 * {@code due_tenant} takes the item out of the sparse index); an advance succeeds only from the step it names.
 */
public final class InMemoryEnrollmentStore implements EnrollmentStore {

    /** What is stored for one enrollment: its state is {@code active}, {@code finished} or {@code stopped}. */
    public record Item(Enrollment enrollment, String state, String stopReason) {
    }

    private static final class Entry {
        Enrollment enrollment;
        boolean inDueView;
        String state = "active";
        String stopReason;

        Entry(Enrollment enrollment) {
            this.enrollment = enrollment;
            this.inDueView = enrollment.dueAt().isPresent();
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private RuntimeException nextAdvanceFailure;

    @Override
    public synchronized boolean enrollIfAbsent(Enrollment enrollment) {
        return entries.putIfAbsent(key(enrollment.tenantId(), enrollment.campaignId(), enrollment.contactId()),
                new Entry(enrollment)) == null;
    }

    @Override
    public synchronized List<Enrollment> due(String tenantId, Instant now, int limit) {
        return entries.values().stream()
                .filter(e -> e.inDueView && e.enrollment.tenantId().equals(tenantId))
                .filter(e -> e.enrollment.dueAt().isPresent() && !e.enrollment.dueAt().get().isAfter(now))
                .map(e -> e.enrollment)
                .sorted(Comparator.comparing((Enrollment e) -> e.dueAt().orElseThrow()).thenComparing(e -> e.contactId().hex()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean advance(Enrollment enrollment, int fromStep, Optional<Instant> nextDue) {
        if (nextAdvanceFailure != null) {
            RuntimeException failure = nextAdvanceFailure;
            nextAdvanceFailure = null;
            throw failure;
        }
        Entry entry = entries.get(key(enrollment.tenantId(), enrollment.campaignId(), enrollment.contactId()));
        if (entry == null || entry.enrollment.nextStep() != fromStep) {
            return false;
        }
        Enrollment e = entry.enrollment;
        if (nextDue.isPresent()) {
            // Like the real store, only the due time moves: a stopped enrollment stays out of the due view.
            entry.enrollment = new Enrollment(e.tenantId(), e.campaignId(), e.contactId(), e.language(), fromStep + 1, nextDue,
                    e.enrolledAt());
        } else {
            entry.enrollment = new Enrollment(e.tenantId(), e.campaignId(), e.contactId(), e.language(), fromStep + 1,
                    Optional.empty(), e.enrolledAt());
            entry.state = "finished";
            entry.inDueView = false;
        }
        return true;
    }

    @Override
    public synchronized boolean postpone(Enrollment enrollment, int step, Instant until) {
        Entry entry = entries.get(key(enrollment.tenantId(), enrollment.campaignId(), enrollment.contactId()));
        if (entry == null || !entry.inDueView || entry.enrollment.nextStep() != step) {
            return false;
        }
        Enrollment e = entry.enrollment;
        entry.enrollment = new Enrollment(e.tenantId(), e.campaignId(), e.contactId(), e.language(), step, Optional.of(until),
                e.enrolledAt());
        return true;
    }

    @Override
    public synchronized void stop(Enrollment enrollment, String reason) {
        Entry entry = entries.get(key(enrollment.tenantId(), enrollment.campaignId(), enrollment.contactId()));
        if (entry == null) {
            // The real store's write is conditional on the item existing and fails the same way.
            throw new IllegalStateException("no enrollment of " + enrollment.contactId() + " in " + enrollment.campaignId());
        }
        Enrollment e = entry.enrollment;
        entry.enrollment = new Enrollment(e.tenantId(), e.campaignId(), e.contactId(), e.language(), e.nextStep(),
                Optional.empty(), e.enrolledAt());
        entry.state = "stopped";
        entry.stopReason = reason;
        entry.inDueView = false;
    }

    /** Makes the next {@link #advance} throw {@code failure}, as a store that cannot be reached would. */
    public synchronized void failNextAdvance(RuntimeException failure) {
        this.nextAdvanceFailure = failure;
    }

    public synchronized Optional<Item> item(String tenantId, String campaignId, EmailHash contactId) {
        return Optional.ofNullable(entries.get(key(tenantId, campaignId, contactId)))
                .map(e -> new Item(e.enrollment, e.state, e.stopReason));
    }

    public synchronized List<Item> all() {
        return entries.values().stream().map(e -> new Item(e.enrollment, e.state, e.stopReason)).toList();
    }

    private static String key(String tenantId, String campaignId, EmailHash contactId) {
        return tenantId + "#" + campaignId + "/" + contactId.hex();
    }
}
