package com.emailengine.adapters.dynamodb;

import static com.emailengine.adapters.dynamodb.Attributes.instant;
import static com.emailengine.adapters.dynamodb.Attributes.n;
import static com.emailengine.adapters.dynamodb.Attributes.number;
import static com.emailengine.adapters.dynamodb.Attributes.requiredString;
import static com.emailengine.adapters.dynamodb.Attributes.s;

import com.emailengine.core.campaign.Enrollment;
import com.emailengine.core.campaign.EnrollmentStore;
import com.emailengine.core.contact.EmailHash;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Enrollments in DynamoDB: partition key {@code tenant_campaign}, sort key {@code contact_id}. While a
 * step is pending the item carries {@code due_tenant} and {@code due_at}, which put it in the sparse
 * {@code due} index the scheduler queries; finishing or stopping removes them, so the index holds only
 * work still to do.
 */
public final class DynamoEnrollmentStore implements EnrollmentStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final String dueIndex;

    /** @param dueIndex the name of the table's sparse index on {@code due_tenant}, {@code due_at} */
    public DynamoEnrollmentStore(DynamoDbClient dynamo, String table, String dueIndex) {
        this.dynamo = dynamo;
        this.table = table;
        this.dueIndex = dueIndex;
    }

    @Override
    public boolean enrollIfAbsent(Enrollment enrollment) {
        Map<String, AttributeValue> item = new HashMap<>(key(enrollment));
        item.put("tenant", s(enrollment.tenantId()));
        item.put("campaign", s(enrollment.campaignId()));
        item.put("language", s(enrollment.language()));
        item.put("next_step", n(enrollment.nextStep()));
        item.put("enrolled_at", instant(enrollment.enrolledAt()));
        item.put("state", s("active"));
        enrollment.dueAt().ifPresent(due -> {
            item.put("due_tenant", s(enrollment.tenantId()));
            item.put("due_at", n(due.toEpochMilli()));
        });
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(contact_id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Enrollment> due(String tenantId, Instant now, int limit) {
        return dynamo.query(r -> r.tableName(table).indexName(dueIndex)
                        .keyConditionExpression("due_tenant = :tenant AND due_at <= :now")
                        .expressionAttributeValues(Map.of(":tenant", s(tenantId), ":now", n(now.toEpochMilli())))
                        .scanIndexForward(true)
                        .limit(limit))
                .items().stream().map(DynamoEnrollmentStore::enrollment).toList();
    }

    @Override
    public boolean advance(Enrollment enrollment, int fromStep, Optional<Instant> nextDue) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", n(fromStep));
        values.put(":next", n(fromStep + 1));
        String update;
        if (nextDue.isPresent()) {
            values.put(":due", n(nextDue.get().toEpochMilli()));
            update = "SET next_step = :next, due_at = :due";
        } else {
            values.put(":finished", s("finished"));
            update = "SET next_step = :next, #state = :finished REMOVE due_tenant, due_at";
        }
        try {
            dynamo.updateItem(r -> {
                r.tableName(table).key(key(enrollment))
                        .conditionExpression("next_step = :from")
                        .updateExpression(update)
                        .expressionAttributeValues(values);
                if (nextDue.isEmpty()) {
                    r.expressionAttributeNames(Map.of("#state", "state"));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean postpone(Enrollment enrollment, int step, Instant until) {
        try {
            // Only while the step is pending (due_at present): a stopped or finished enrollment stays out of the index.
            dynamo.updateItem(r -> r.tableName(table).key(key(enrollment))
                    .conditionExpression("next_step = :step AND attribute_exists(due_at)")
                    .updateExpression("SET due_at = :due")
                    .expressionAttributeValues(Map.of(":step", n(step), ":due", n(until.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void stop(Enrollment enrollment, String reason) {
        dynamo.updateItem(r -> r.tableName(table).key(key(enrollment))
                .conditionExpression("attribute_exists(contact_id)")
                .updateExpression("SET #state = :stopped, stop_reason = :reason REMOVE due_tenant, due_at")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":stopped", s("stopped"), ":reason", s(reason))));
    }

    private static Map<String, AttributeValue> key(Enrollment enrollment) {
        return Map.of("tenant_campaign", s(enrollment.tenantId() + "#" + enrollment.campaignId()),
                "contact_id", s(enrollment.contactId().hex()));
    }

    private static Enrollment enrollment(Map<String, AttributeValue> item) {
        return new Enrollment(requiredString(item, "tenant"), requiredString(item, "campaign"),
                new EmailHash(requiredString(item, "contact_id")), requiredString(item, "language"),
                number(item, "next_step").orElseThrow().intValue(),
                number(item, "due_at").map(Instant::ofEpochMilli), Instant.parse(requiredString(item, "enrolled_at")));
    }
}
