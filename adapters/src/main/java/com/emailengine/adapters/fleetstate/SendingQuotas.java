package com.emailengine.adapters.fleetstate;

import com.emailengine.core.warmup.WarmupDayStats;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Counts what each IP may still send, atomically across nodes: a quota item ({@code day#…} or
 * {@code hour#…}) holds {@code reserved}, and a node reserves a block of messages with one conditional
 * ADD that never takes {@code reserved} past the limit; it then sends the block from memory. A block
 * reserved and not used (the node died, the lease moved) is lost for that day or hour, so a quota can be
 * under-used, never exceeded. The reservation also carries the IP's lease token and is refused once a
 * newer token has written (fencing). Traffic counters (attempts, delivered, …) are added to the same day
 * items in batches. Thread-safe.
 */
public final class SendingQuotas {

    /** A node that lost the IP's lease to a newer holder tried to reserve for it. */
    public static final class FencedOut extends RuntimeException {
        FencedOut(String ip) {
            super("lease of " + ip + " moved to another node");
        }
    }

    public static final List<String> COUNTERS = List.of("attempts", "delivered", "deferred", "throttled", "bounced", "blocked", "complaints");

    private final DynamoDbClient dynamo;
    private final String table;

    public SendingQuotas(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Reserves up to {@code wanted} messages of the quota item, never past {@code limit}; returns how many
     * were granted (0 when the quota is used up).
     *
     * @throws FencedOut when a newer lease token reserved on this item
     */
    public int reserve(String ip, String item, long token, int limit, int wanted, Instant expiresAt) {
        int asking = Math.min(wanted, limit);
        for (int round = 0; round < 4 && asking > 0; round++) {
            int ask = asking;
            try {
                dynamo.updateItem(r -> r.tableName(table).key(FleetStateKeys.key(ip, item))
                        .conditionExpression("(attribute_not_exists(#token) OR #token <= :token)"
                                + " AND (attribute_not_exists(#reserved) OR #reserved <= :room)")
                        .updateExpression("SET #token = :token, #quota = :limit, expires_at = if_not_exists(expires_at, :ttl)"
                                + " ADD #reserved :ask")
                        .expressionAttributeNames(Map.of("#token", "token", "#reserved", "reserved", "#quota", "quota"))
                        .expressionAttributeValues(Map.of(":token", number(token), ":room", number(limit - ask),
                                ":limit", number(limit), ":ask", number(ask), ":ttl", number(expiresAt.getEpochSecond()))));
                return ask;
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> now = dynamo.getItem(r -> r.tableName(table).key(FleetStateKeys.key(ip, item))
                        .consistentRead(true)).item();
                if (now.containsKey("token") && Long.parseLong(now.get("token").n()) > token) {
                    throw new FencedOut(ip);
                }
                long reserved = now.containsKey("reserved") ? Long.parseLong(now.get("reserved").n()) : 0;
                asking = (int) Math.min(asking, Math.max(0, limit - reserved));
            }
        }
        return 0;
    }

    /** Adds traffic counts (names from {@link #COUNTERS}) to an IP's day item. */
    public void add(String ip, String item, Map<String, Long> counts, Instant expiresAt) {
        Map<String, Long> nonZero = new LinkedHashMap<>();
        counts.forEach((name, value) -> {
            if (value != 0) {
                nonZero.put(name, value);
            }
        });
        if (nonZero.isEmpty()) {
            return;
        }
        StringBuilder add = new StringBuilder(" ADD ");
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":ttl", number(expiresAt.getEpochSecond()));
        int i = 0;
        for (Map.Entry<String, Long> entry : nonZero.entrySet()) {
            // Names go through placeholders: several counter names (deferred …) are DynamoDB reserved words.
            add.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :v").append(i);
            names.put("#c" + i, entry.getKey());
            values.put(":v" + i, number(entry.getValue()));
            i++;
        }
        dynamo.updateItem(r -> r.tableName(table).key(FleetStateKeys.key(ip, item))
                .updateExpression("SET expires_at = if_not_exists(expires_at, :ttl)" + add)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** An IP's traffic on one day, every share group added up. */
    public WarmupDayStats dayStats(String ip, LocalDate date) {
        return byGroup(ip, date).values().stream().reduce(WarmupDayStats.NONE, WarmupDayStats::plus);
    }

    /** An IP's traffic on one day per share group. */
    public Map<String, WarmupDayStats> byGroup(String ip, LocalDate date) {
        String prefix = FleetStateKeys.dayPrefix(date);
        Map<String, WarmupDayStats> out = new LinkedHashMap<>();
        var pages = dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("#ip = :ip AND begins_with(#item, :prefix)")
                .expressionAttributeNames(Map.of("#ip", "ip", "#item", "item"))
                .expressionAttributeValues(Map.of(":ip", AttributeValue.fromS(ip), ":prefix", AttributeValue.fromS(prefix))));
        for (var page : pages) {
            for (Map<String, AttributeValue> item : page.items()) {
                out.put(item.get("item").s().substring(prefix.length()), new WarmupDayStats(count(item, "attempts"),
                        count(item, "delivered"), count(item, "deferred"), count(item, "throttled"), count(item, "bounced"),
                        count(item, "blocked"), count(item, "complaints")));
            }
        }
        return out;
    }

    /** How many messages of a quota item are reserved so far (what the fleet may have sent). */
    public long reserved(String ip, String item) {
        Map<String, AttributeValue> now = dynamo.getItem(r -> r.tableName(table).key(FleetStateKeys.key(ip, item))
                .consistentRead(true)).item();
        return count(now, "reserved");
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
