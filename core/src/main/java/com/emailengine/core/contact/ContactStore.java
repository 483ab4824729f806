package com.emailengine.core.contact;

import java.time.Instant;
import java.util.Optional;

/**
 * Persistent contacts, partitioned by tenant. Implementations are safe for concurrent use from many
 * processes: every write is conditional, so a repeated or concurrent call never duplicates a contact
 * or moves a status backwards.
 */
public interface ContactStore {

    /** Stores the contact unless one with the same tenant and id exists; true when this call created it. */
    boolean createIfAbsent(Contact contact);

    Optional<Contact> find(String tenantId, EmailHash id);

    /**
     * Moves the contact to {@code status} when {@link ContactStatus#mayBecome} allows it, appending to its
     * history. {@code eventId} makes the call idempotent: the same event applied twice changes nothing.
     *
     * @return true when the status changed
     */
    boolean changeStatus(String tenantId, EmailHash id, ContactStatus status, String reason, String eventId, Instant at);
}
