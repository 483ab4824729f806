package com.emailengine.adapters.ledger;

import com.emailengine.core.delivery.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The fleet's record of every message it was asked to send (DynamoDB table {@code messages}), which
 * makes sending idempotent: a node must claim a message before it opens an SMTP connection for it, and a
 * message already delivered or bounced is never claimed again, however often SQS redelivers it or the
 * scheduler re-queues it. A claim is a lease; the attempt number is the fencing token that the final
 * write must still match. Thread-safe.
 */
public final class DeliveryLedger {

    /** Records live 30 days after first sight (the table's TTL attribute), long after any retry. */
    private static final Duration RETENTION = Duration.ofDays(30);

    public enum ClaimStatus { CLAIMED, FINISHED, HELD_ELSEWHERE }

    /**
     * @param attempt        this attempt's number (1-based) when claimed
     * @param firstSeen      when the fleet first saw the message
     * @param finalEventJson the event recorded when the message was finished, to publish again
     */
    public record Claim(ClaimStatus status, int attempt, Instant firstSeen, Optional<String> finalEventJson,
                        Optional<Instant> leaseUntil) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Claim claim(String messageId, String node, Instant now, Duration lease) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sending", AttributeValue.fromS("sending"));
        values.put(":deferred", AttributeValue.fromS("deferred"));
        values.put(":node", AttributeValue.fromS(node));
        values.put(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        values.put(":lease", AttributeValue.fromN(Long.toString(now.plus(lease).toEpochMilli())));
        values.put(":seen", AttributeValue.fromS(now.toString()));
        values.put(":ttl", AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        values.put(":one", AttributeValue.fromN("1"));
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(table).key(key(messageId))
                    .conditionExpression("attribute_not_exists(message_id) OR #state = :deferred"
                            + " OR (#state = :sending AND lease_until < :now)")
                    .updateExpression("SET #state = :sending, node = :node, lease_until = :lease,"
                            + " first_seen = if_not_exists(first_seen, :seen), expires_at = if_not_exists(expires_at, :ttl)"
                            + " ADD attempts :one")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new Claim(ClaimStatus.CLAIMED, Integer.parseInt(item.get("attempts").n()),
                    Instant.parse(item.get("first_seen").s()), Optional.empty(), Optional.of(now.plus(lease)));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(messageId)).consistentRead(true)).item();
            String state = item.get("state").s();
            Instant firstSeen = Instant.parse(item.get("first_seen").s());
            int attempts = Integer.parseInt(item.get("attempts").n());
            if (state.equals("sending")) {
                return new Claim(ClaimStatus.HELD_ELSEWHERE, attempts, firstSeen, Optional.empty(),
                        Optional.of(Instant.ofEpochMilli(Long.parseLong(item.get("lease_until").n()))));
            }
            return new Claim(ClaimStatus.FINISHED, attempts, firstSeen,
                    Optional.ofNullable(item.get("last_event")).map(AttributeValue::s), Optional.empty());
        }
    }

    /**
     * Records the attempt's outcome. False when the lease was lost (another node claimed the message after
     * this one's lease ran out); the caller then leaves the message to that node.
     */
    public boolean record(String messageId, int attempt, DeliveryOutcome outcome, String eventJson, Instant now) {
        String state = outcome == DeliveryOutcome.DEFERRED ? "deferred" : outcome.wireName();
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(messageId))
                    .conditionExpression("attempts = :attempt")
                    .updateExpression("SET #state = :state, last_event = :event, updated_at = :now REMOVE lease_until")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":attempt", AttributeValue.fromN(Integer.toString(attempt)),
                            ":state", AttributeValue.fromS(state),
                            ":event", AttributeValue.fromS(eventJson),
                            ":now", AttributeValue.fromS(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The last outcome recorded for a message (the ledger keeps 30 days), as its event JSON. */
    public Optional<String> lastEventJson(String messageId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(messageId)).consistentRead(true)).item();
        return item == null ? Optional.empty() : Optional.ofNullable(item.get("last_event")).map(AttributeValue::s);
    }

    private static Map<String, AttributeValue> key(String messageId) {
        return Map.of("message_id", AttributeValue.fromS(messageId));
    }
}
