package com.emailengine.core.contact;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Persistent contacts, partitioned by tenant. Implementations are safe for concurrent use from many
 * processes: every write is conditional, so a repeated or concurrent call never duplicates a contact
 * or moves a status backwards.
 */
public interface ContactStore {

    /** Stores the contact unless one with the same tenant and id exists; true when this call created it. */
    boolean createIfAbsent(Contact contact);

    /**
     * Stores the contact with what its first submission brought (profile, provenance, source, validation) unless one
     * with the same tenant and id exists; true when this call created it.
     */
    boolean createIfAbsent(Contact contact, ContactUpdate update);

    /**
     * Merges a later submission into the stored contact by the rule of {@link ContactUpdate}; its status is left
     * alone. False when there is no such contact.
     */
    boolean merge(String tenantId, EmailHash id, ContactUpdate update);

    /** Which of {@code ids} are stored for the tenant (one round trip per hundred ids or so). */
    Set<EmailHash> existing(String tenantId, Collection<EmailHash> ids);

    Optional<Contact> find(String tenantId, EmailHash id);

    /**
     * Moves the contact to {@code status} when {@link ContactStatus#mayBecome} allows it, appending to its
     * history. {@code eventId} makes the call idempotent: the same event applied twice changes nothing. The history
     * and the remembered event ids are capped (the newest entries are kept); beyond them the forward-only rule of
     * the statuses still keeps an old event from moving a contact.
     *
     * @return true when the status changed
     */
    boolean changeStatus(String tenantId, EmailHash id, ContactStatus status, String reason, String eventId, Instant at);
}
