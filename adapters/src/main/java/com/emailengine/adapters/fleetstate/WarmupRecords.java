package com.emailengine.adapters.fleetstate;

import com.emailengine.core.warmup.WarmupProgress;
import com.emailengine.core.warmup.WarmupStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Each IP's {@link WarmupProgress}, item {@code warmup} of the {@code fleet-state} table, shared by all
 * nodes. A review result is stored only if the record is still the one it was computed from (same
 * {@code reviewed_on}), so two nodes reviewing the same IP on the same day store one result. Thread-safe.
 */
public final class WarmupRecords {

    static final String ITEM = "warmup";

    private final DynamoDbClient dynamo;
    private final String table;

    public WarmupRecords(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<WarmupProgress> read(String ip) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(FleetStateKeys.key(ip, ITEM))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("status")) {
            return Optional.empty();
        }
        return Optional.of(new WarmupProgress(Integer.parseInt(item.get("day").n()), WarmupStatus.fromWire(item.get("status").s()),
                LocalDate.parse(item.get("reviewed_on").s()), Instant.ofEpochMilli(Long.parseLong(item.get("paused_until").n())),
                item.containsKey("reason") ? item.get("reason").s() : ""));
    }

    /** Stores {@code next} if the record is still {@code previous} (or absent when previous is empty); false otherwise. */
    public boolean replace(String ip, Optional<WarmupProgress> previous, WarmupProgress next) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":day", AttributeValue.fromN(Integer.toString(next.day())));
        values.put(":status", AttributeValue.fromS(next.status().wireName()));
        values.put(":reviewed", AttributeValue.fromS(next.reviewedOn().toString()));
        values.put(":paused", AttributeValue.fromN(Long.toString(next.pausedUntil().toEpochMilli())));
        values.put(":reason", AttributeValue.fromS(next.reason().isEmpty() ? "-" : next.reason()));
        String condition;
        if (previous.isEmpty()) {
            condition = "attribute_not_exists(#status)";
        } else {
            condition = "reviewed_on = :was_reviewed AND #status = :was_status AND #day = :was_day";
            values.put(":was_reviewed", AttributeValue.fromS(previous.get().reviewedOn().toString()));
            values.put(":was_status", AttributeValue.fromS(previous.get().status().wireName()));
            values.put(":was_day", AttributeValue.fromN(Integer.toString(previous.get().day())));
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(FleetStateKeys.key(ip, ITEM))
                    .conditionExpression(condition)
                    .updateExpression("SET #day = :day, #status = :status, reviewed_on = :reviewed, paused_until = :paused,"
                            + " reason = :reason")
                    .expressionAttributeNames(Map.of("#day", "day", "#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
