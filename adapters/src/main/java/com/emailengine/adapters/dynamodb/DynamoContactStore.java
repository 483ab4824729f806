package com.emailengine.adapters.dynamodb;

import static com.emailengine.adapters.dynamodb.Attributes.instant;
import static com.emailengine.adapters.dynamodb.Attributes.n;
import static com.emailengine.adapters.dynamodb.Attributes.requiredString;
import static com.emailengine.adapters.dynamodb.Attributes.s;
import static com.emailengine.adapters.dynamodb.Attributes.string;

import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.contact.ContactUpdate;
import com.emailengine.core.contact.EmailHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Contacts in DynamoDB: partition key {@code tenant}, sort key {@code contact_id} (the address hash).
 * The status rank is stored beside the status so that the forward-only rule of {@link ContactStatus}
 * is enforced by the condition of the write itself, atomically across concurrent consumers.
 *
 * <p>Besides status and identity an item holds the profile its sources sent (first_name, company, country, site_url,
 * domain_authority, …), the provenance of derived values (language_source, country_source, category_source), every
 * source that posted it ({@code sources}), the latest validation ({@code verdict}, {@code findings}) and two lists
 * capped at {@link #HISTORY_CAP} entries, oldest dropped first: {@code history} (status changes) and
 * {@code recent_events} (the ids of the events applied, for idempotency). Items written before the cap kept their
 * event ids in the string set {@code applied_events}, still honoured.
 */
public final class DynamoContactStore implements ContactStore {

    /** Entries kept in {@code history} and {@code recent_events}: a contact's life has a dozen status changes. */
    public static final int HISTORY_CAP = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchReads reads;

    public DynamoContactStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.reads = new BatchReads(dynamo);
    }

    @Override
    public boolean createIfAbsent(Contact contact) {
        return createIfAbsent(contact, null);
    }

    @Override
    public boolean createIfAbsent(Contact contact, ContactUpdate update) {
        Map<String, AttributeValue> item = new HashMap<>();
        if (update != null) {
            update.derived().forEach((name, value) -> item.put(name, value(value)));
            update.given().forEach((name, value) -> item.put(name, value(value)));
            item.put("sources", AttributeValue.fromSs(List.of(update.sourceId())));
            if (update.sourceLabel() != null) {
                item.put("source_label", s(update.sourceLabel()));
            }
            item.put("profile_at", instant(update.at()));
            validation(update).forEach(item::put);
        }
        item.put("tenant", s(contact.tenantId()));
        item.put("contact_id", s(contact.id().hex()));
        item.put("email", s(contact.email()));
        if (contact.firstName() != null) {
            item.put("first_name", s(contact.firstName()));
        }
        item.put("language", s(contact.language()));
        item.put("source", s(update != null ? update.sourceId() : contact.source()));
        item.put("status", s(contact.status().wireName()));
        item.put("status_rank", n(contact.status().rank()));
        item.put("created_at", instant(contact.createdAt()));
        item.put("updated_at", instant(contact.createdAt()));
        String reason = "created from " + (update != null ? update.sourceId() : contact.source())
                + (update != null ? (update.requestId() != null ? " (request " + update.requestId() + ")" : "")
                + ": " + update.verdict() + (update.findings().isEmpty() ? "" : " " + update.findings()) : "");
        item.put("history", AttributeValue.fromL(List.of(historyEntry(contact.status(), reason, contact.createdAt()))));
        item.put("recent_events", AttributeValue.fromL(List.of()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(contact_id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean merge(String tenantId, EmailHash id, ContactUpdate update) {
        try {
            // A submission as new as the stored profile or newer: its given fields replace the stored ones.
            update(tenantId, id, update, true);
            return true;
        } catch (ConditionalCheckFailedException newerStored) {
            try {
                // An older submission processed late: it only fills fields still empty.
                update(tenantId, id, update, false);
                return true;
            } catch (ConditionalCheckFailedException missing) {
                return false;
            }
        }
    }

    private void update(String tenantId, EmailHash id, ContactUpdate update, boolean givenReplaces) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int[] counter = {0};
        update.given().forEach((name, value) -> {
            String n = "#a" + counter[0];
            String v = ":v" + counter[0]++;
            names.put(n, name);
            values.put(v, value(value));
            sets.add(givenReplaces ? n + " = " + v : n + " = if_not_exists(" + n + ", " + v + ")");
        });
        update.derived().forEach((name, value) -> {
            if (update.given().containsKey(name)) {
                return;
            }
            String n = "#a" + counter[0];
            String v = ":v" + counter[0]++;
            names.put(n, name);
            values.put(v, value(value));
            sets.add(n + " = if_not_exists(" + n + ", " + v + ")");
        });
        validation(update).forEach((name, value) -> {
            String n = "#a" + counter[0];
            String v = ":v" + counter[0]++;
            names.put(n, name);
            values.put(v, value);
            sets.add(n + " = " + v);
        });
        values.put(":at", instant(update.at()));
        values.put(":sources", AttributeValue.fromSs(List.of(update.sourceId())));
        sets.add(givenReplaces ? "profile_at = :at" : "profile_at = if_not_exists(profile_at, :at)");
        String condition = givenReplaces
                ? "attribute_exists(contact_id) AND (attribute_not_exists(profile_at) OR profile_at <= :at)"
                : "attribute_exists(contact_id)";
        dynamo.updateItem(r -> r.tableName(table)
                .key(key(tenantId, id))
                .conditionExpression(condition)
                .updateExpression("SET " + String.join(", ", sets) + " ADD sources :sources")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    @Override
    public Set<EmailHash> existing(String tenantId, Collection<EmailHash> ids) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (EmailHash id : new LinkedHashSet<>(ids)) {
            keys.add(key(tenantId, id));
        }
        Set<EmailHash> found = new HashSet<>();
        for (Map<String, AttributeValue> item : reads.get(table, keys, "contact_id", Map.of())) {
            found.add(new EmailHash(item.get("contact_id").s()));
        }
        return found;
    }

    @Override
    public Optional<Contact> find(String tenantId, EmailHash id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(tenantId, id))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Contact(tenantId, id, requiredString(item, "email"), string(item, "first_name").orElse(null),
                requiredString(item, "language"), requiredString(item, "source"),
                ContactStatus.valueOf(requiredString(item, "status").toUpperCase(Locale.ROOT)),
                Instant.parse(requiredString(item, "created_at"))));
    }

    @Override
    public boolean changeStatus(String tenantId, EmailHash id, ContactStatus status, String reason, String eventId, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(status.wireName()));
        values.put(":rank", n(status.rank()));
        values.put(":terminal", n(ContactStatus.TERMINAL_RANK));
        values.put(":at", instant(at));
        values.put(":entry", AttributeValue.fromL(List.of(historyEntry(status, reason, at))));
        values.put(":empty", AttributeValue.fromL(List.of()));
        values.put(":event", s(eventId));
        values.put(":events", AttributeValue.fromL(List.of(s(eventId))));
        UpdateItemResponse response;
        try {
            response = dynamo.updateItem(r -> r.tableName(table)
                    .key(key(tenantId, id))
                    .conditionExpression("attribute_exists(contact_id)"
                            + " AND (attribute_not_exists(recent_events) OR NOT contains(recent_events, :event))"
                            + " AND (attribute_not_exists(applied_events) OR NOT contains(applied_events, :event))"
                            + " AND (status_rank < :rank OR (status_rank = :rank AND #status <> :status AND status_rank < :terminal))")
                    .updateExpression("SET #status = :status, status_rank = :rank, updated_at = :at,"
                            + " history = list_append(if_not_exists(history, :empty), :entry),"
                            + " recent_events = list_append(if_not_exists(recent_events, :empty), :events)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        trim(tenantId, id, response.attributes());
        return true;
    }

    /**
     * Drops the oldest entries of {@code history} and {@code recent_events} beyond the cap. Conditional on the lengths
     * just written, so two trims racing never drop more than the excess; a trim that loses the race is left to the
     * next status change.
     */
    private void trim(String tenantId, EmailHash id, Map<String, AttributeValue> updated) {
        int history = updated.containsKey("history") ? updated.get("history").l().size() : 0;
        int events = updated.containsKey("recent_events") ? updated.get("recent_events").l().size() : 0;
        if (history <= HISTORY_CAP && events <= HISTORY_CAP) {
            return;
        }
        List<String> removals = new ArrayList<>();
        for (int i = 0; i < history - HISTORY_CAP; i++) {
            removals.add("history[" + i + "]");
        }
        for (int i = 0; i < events - HISTORY_CAP; i++) {
            removals.add("recent_events[" + i + "]");
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(tenantId, id))
                    .conditionExpression("size(history) = :history AND size(recent_events) = :events")
                    .updateExpression("REMOVE " + String.join(", ", removals))
                    .expressionAttributeValues(Map.of(":history", n(history), ":events", n(events))));
        } catch (ConditionalCheckFailedException e) {
            // another change came in between; the next one trims
        }
    }

    private static Map<String, AttributeValue> validation(ContactUpdate update) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put("verdict", s(update.verdict()));
        values.put("findings", AttributeValue.fromL(update.findings().stream().map(Attributes::s).toList()));
        return values;
    }

    private static AttributeValue value(Object value) {
        return switch (value) {
            case String text -> s(text);
            case Integer number -> AttributeValue.fromN(number.toString());
            case Long number -> AttributeValue.fromN(number.toString());
            case Double number -> AttributeValue.fromN(Double.toString(number));
            default -> throw new IllegalArgumentException("cannot store a " + value.getClass().getSimpleName());
        };
    }

    private static Map<String, AttributeValue> key(String tenantId, EmailHash id) {
        return Map.of("tenant", s(tenantId), "contact_id", s(id.hex()));
    }

    private static AttributeValue historyEntry(ContactStatus status, String reason, Instant at) {
        return AttributeValue.fromM(Map.of("status", s(status.wireName()), "at", instant(at), "reason", s(reason)));
    }
}
