package com.emailengine.core.contact;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Contacts in memory, kept the way the DynamoDB store keeps its items: the profile, provenance, language and first
 * name as attributes (so a merge changes what {@link #find} answers, as it does there), every source that posted the
 * contact, the latest validation, and the capped history and recent event ids. Every write is atomic (one lock), so
 * the conditional semantics of the port hold under the ingest's concurrent reads.
 */
public final class InMemoryContactStore implements ContactStore {

    /** The same cap as the DynamoDB store's (docs/decisions.md D21). */
    public static final int HISTORY_CAP = 25;

    /** One status change, as the history keeps it. */
    public record Change(ContactStatus status, String reason, Instant at) {
    }

    /** What is stored for one contact, as a test may inspect it. */
    public record Item(Contact contact, Map<String, Object> attributes, Set<String> sources, String sourceLabel,
                       Instant profileAt, String verdict, List<String> findings, List<Change> history) {
    }

    private static final class Entry {
        final String tenantId;
        final EmailHash id;
        final String email;
        final String source;
        final Instant createdAt;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final Set<String> sources = new LinkedHashSet<>();
        final Deque<Change> history = new ArrayDeque<>();
        final Deque<String> recentEvents = new ArrayDeque<>();
        ContactStatus status;
        String sourceLabel;
        Instant profileAt;
        String verdict;
        List<String> findings = List.of();

        Entry(Contact contact, String source) {
            this.tenantId = contact.tenantId();
            this.id = contact.id();
            this.email = contact.email();
            this.source = source;
            this.createdAt = contact.createdAt();
            this.status = contact.status();
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final AtomicInteger existingQueries = new AtomicInteger();

    @Override
    public boolean createIfAbsent(Contact contact) {
        return createIfAbsent(contact, null);
    }

    @Override
    public synchronized boolean createIfAbsent(Contact contact, ContactUpdate update) {
        String key = key(contact.tenantId(), contact.id());
        if (entries.containsKey(key)) {
            return false;
        }
        Entry entry = new Entry(contact, update != null ? Objects.requireNonNull(update.sourceId(), "sourceId") : contact.source());
        String reason = "created from " + entry.source;
        if (update != null) {
            // Given after derived: on creation a given value wins over a derived one of the same name.
            entry.attributes.putAll(update.derived());
            entry.attributes.putAll(update.given());
            entry.sources.add(update.sourceId());
            entry.sourceLabel = update.sourceLabel();
            entry.profileAt = update.at();
            entry.verdict = update.verdict();
            entry.findings = update.findings();
            reason += (update.requestId() != null ? " (request " + update.requestId() + ")" : "") + ": " + update.verdict()
                    + (update.findings().isEmpty() ? "" : " " + update.findings());
        }
        if (contact.firstName() != null) {
            entry.attributes.put("first_name", contact.firstName());
        }
        // The real store cannot read a contact back without one.
        entry.attributes.put("language", Objects.requireNonNull(contact.language(), "language"));
        entry.history.add(new Change(contact.status(), reason, contact.createdAt()));
        entries.put(key, entry);
        return true;
    }

    @Override
    public synchronized boolean merge(String tenantId, EmailHash id, ContactUpdate update) {
        Entry entry = entries.get(key(tenantId, id));
        if (entry == null) {
            return false;
        }
        // At or after the stored profile's time the given fields replace; an older submission only fills gaps.
        boolean givenReplaces = entry.profileAt == null || !entry.profileAt.isAfter(update.at());
        update.given().forEach((name, value) -> {
            if (givenReplaces) {
                entry.attributes.put(name, value);
            } else {
                entry.attributes.putIfAbsent(name, value);
            }
        });
        update.derived().forEach((name, value) -> {
            if (!update.given().containsKey(name)) {
                entry.attributes.putIfAbsent(name, value);
            }
        });
        entry.verdict = update.verdict();
        entry.findings = update.findings();
        if (givenReplaces) {
            entry.profileAt = update.at();
        }
        entry.sources.add(Objects.requireNonNull(update.sourceId(), "sourceId"));
        return true;
    }

    @Override
    public synchronized Set<EmailHash> existing(String tenantId, Collection<EmailHash> ids) {
        existingQueries.incrementAndGet();
        Set<EmailHash> found = new HashSet<>();
        for (EmailHash id : ids) {
            if (entries.containsKey(key(tenantId, id))) {
                found.add(id);
            }
        }
        return found;
    }

    @Override
    public synchronized Optional<Contact> find(String tenantId, EmailHash id) {
        return Optional.ofNullable(entries.get(key(tenantId, id))).map(InMemoryContactStore::contact);
    }

    @Override
    public synchronized boolean changeStatus(String tenantId, EmailHash id, ContactStatus status, String reason, String eventId,
                                             Instant at) {
        Entry entry = entries.get(key(tenantId, id));
        if (entry == null || entry.recentEvents.contains(eventId) || !entry.status.mayBecome(status)) {
            return false;
        }
        entry.status = status;
        entry.history.addLast(new Change(status, reason, at));
        entry.recentEvents.addLast(eventId);
        while (entry.history.size() > HISTORY_CAP) {
            entry.history.removeFirst();
        }
        while (entry.recentEvents.size() > HISTORY_CAP) {
            entry.recentEvents.removeFirst();
        }
        return true;
    }

    /** Everything stored for the contact. */
    public synchronized Optional<Item> item(String tenantId, EmailHash id) {
        Entry entry = entries.get(key(tenantId, id));
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new Item(contact(entry), Map.copyOf(entry.attributes), Set.copyOf(entry.sources), entry.sourceLabel,
                entry.profileAt, entry.verdict, entry.findings, List.copyOf(new ArrayList<>(entry.history))));
    }

    public synchronized int size() {
        return entries.size();
    }

    /** How many times {@link #existing} was asked: the ingest reads once per tenant, never per contact. */
    public int existingQueries() {
        return existingQueries.get();
    }

    private static Contact contact(Entry entry) {
        return new Contact(entry.tenantId, entry.id, entry.email, (String) entry.attributes.get("first_name"),
                (String) entry.attributes.get("language"), entry.source, entry.status, entry.createdAt);
    }

    private static String key(String tenantId, EmailHash id) {
        return tenantId + "/" + id.hex();
    }
}
