package com.emailengine.functions.dynamodb;

import static com.emailengine.functions.dynamodb.Attributes.instant;
import static com.emailengine.functions.dynamodb.Attributes.n;
import static com.emailengine.functions.dynamodb.Attributes.requiredString;
import static com.emailengine.functions.dynamodb.Attributes.s;
import static com.emailengine.functions.dynamodb.Attributes.string;

import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.contact.EmailHash;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Contacts in DynamoDB: partition key {@code tenant}, sort key {@code contact_id} (the address hash).
 * The status rank is stored beside the status so that the forward-only rule of {@link ContactStatus}
 * is enforced by the condition of the write itself, atomically across concurrent consumers.
 */
public final class DynamoContactStore implements ContactStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoContactStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean createIfAbsent(Contact contact) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenant", s(contact.tenantId()));
        item.put("contact_id", s(contact.id().hex()));
        item.put("email", s(contact.email()));
        if (contact.firstName() != null) {
            item.put("first_name", s(contact.firstName()));
        }
        item.put("language", s(contact.language()));
        item.put("source", s(contact.source()));
        item.put("status", s(contact.status().wireName()));
        item.put("status_rank", n(contact.status().rank()));
        item.put("created_at", instant(contact.createdAt()));
        item.put("updated_at", instant(contact.createdAt()));
        item.put("history", AttributeValue.fromL(List.of(historyEntry(contact.status(), "created from " + contact.source(),
                contact.createdAt()))));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(contact_id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Contact> find(String tenantId, EmailHash id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("tenant", s(tenantId), "contact_id", s(id.hex())))).item();
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
        values.put(":events", AttributeValue.fromSs(List.of(eventId)));
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of("tenant", s(tenantId), "contact_id", s(id.hex())))
                    .conditionExpression("attribute_exists(contact_id)"
                            + " AND (attribute_not_exists(applied_events) OR NOT contains(applied_events, :event))"
                            + " AND (status_rank < :rank OR (status_rank = :rank AND #status <> :status AND status_rank < :terminal))")
                    .updateExpression("SET #status = :status, status_rank = :rank, updated_at = :at,"
                            + " history = list_append(if_not_exists(history, :empty), :entry) ADD applied_events :events")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static AttributeValue historyEntry(ContactStatus status, String reason, Instant at) {
        return AttributeValue.fromM(Map.of("status", s(status.wireName()), "at", instant(at), "reason", s(reason)));
    }
}
