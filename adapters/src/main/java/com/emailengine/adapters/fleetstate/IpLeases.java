package com.emailengine.adapters.fleetstate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Which node sends from which IP: one lease per address in the {@code fleet-state} table (item {@code lease}),
 * so that each IP is used by exactly one node at a time. A lease runs out unless its holder renews it (the
 * heartbeat); a node may take a lease that is free or has run out. Every acquisition increments the lease's
 * fencing token: writes made for an IP (quota reservations) carry the token, and a write with an older token
 * than the newest one seen is refused, so a node that lost its lease without noticing cannot spend the new
 * holder's quota. Only single-item conditional writes (the local DynamoDB has no transactions). Thread-safe.
 */
public final class IpLeases {

    /** A lease as stored. {@code wantedBy}: a node that asked the holder to hand the IP back (its home node). */
    public record Lease(String ip, String node, long token, Instant until, Optional<String> wantedBy) {

        public boolean liveAt(Instant now) {
            return until.isAfter(now);
        }
    }

    static final String ITEM = "lease";

    private final DynamoDbClient dynamo;
    private final String table;

    public IpLeases(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Takes the IP for {@code ttl} if it is free, has run out, or is this node's already; empty if another node holds it. */
    public Optional<Lease> acquire(String ip, String node, Instant now, Duration ttl) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(table).key(FleetStateKeys.key(ip, ITEM))
                    .conditionExpression("attribute_not_exists(node) OR lease_until < :now OR node = :me")
                    .updateExpression("SET node = :me, lease_until = :until, acquired_at = :now ADD #token :one REMOVE wanted_by")
                    .expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(node), ":now", millis(now),
                            ":until", millis(now.plus(ttl)), ":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(lease(ip, item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Extends a held lease; empty when it was lost (taken over after running out). */
    public Optional<Lease> renew(Lease held, Instant now, Duration ttl) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(table).key(FleetStateKeys.key(held.ip(), ITEM))
                    .conditionExpression("node = :me AND #token = :token")
                    .updateExpression("SET lease_until = :until")
                    .expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(held.node()),
                            ":token", AttributeValue.fromN(Long.toString(held.token())), ":until", millis(now.plus(ttl))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(lease(held.ip(), item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Gives a held lease up at once, so another node need not wait for it to run out. */
    public void release(Lease held) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(FleetStateKeys.key(held.ip(), ITEM))
                    .conditionExpression("node = :me AND #token = :token")
                    .updateExpression("SET lease_until = :zero REMOVE node")
                    .expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(held.node()),
                            ":token", AttributeValue.fromN(Long.toString(held.token())), ":zero", AttributeValue.fromN("0"))));
        } catch (ConditionalCheckFailedException e) {
            // Already lost: nothing to give up.
        }
    }

    /** Asks the holder of another node's lease to hand the IP back (a home node returning after a takeover). */
    public void want(String ip, String node) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(FleetStateKeys.key(ip, ITEM))
                    .conditionExpression("attribute_exists(node) AND node <> :me")
                    .updateExpression("SET wanted_by = :me")
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(node))));
        } catch (ConditionalCheckFailedException e) {
            // Free again or ours: the next acquisition takes it.
        }
    }

    /** The stored leases of these IPs (those never leased are absent). */
    public Map<String, Lease> read(List<String> ips) {
        Map<String, Lease> out = new HashMap<>();
        for (int from = 0; from < ips.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            ips.subList(from, Math.min(ips.size(), from + 100)).forEach(ip -> keys.add(FleetStateKeys.key(ip, ITEM)));
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(asked));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    if (item.containsKey("lease_until")) {
                        Lease lease = lease(item.get("ip").s(), item);
                        out.put(lease.ip(), lease);
                    }
                }
                request = response.unprocessedKeys();
            }
        }
        return out;
    }

    private static Lease lease(String ip, Map<String, AttributeValue> item) {
        return new Lease(ip, item.containsKey("node") ? item.get("node").s() : "",
                item.containsKey("token") ? Long.parseLong(item.get("token").n()) : 0,
                Instant.ofEpochMilli(Long.parseLong(item.get("lease_until").n())),
                Optional.ofNullable(item.get("wanted_by")).map(AttributeValue::s));
    }

    private static AttributeValue millis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }
}
