package com.emailengine.emulators.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.emulators.fixtures.LocalClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** dynalite through the SDK v2 client, for each DynamoDB feature the engine relies on, and its known gaps. */
class DynaliteDynamoDbTest {

    private static final String TABLE = "contacts";
    private static final String BY_STATUS = "by-status";

    private static DynaliteDynamoDb dynamoDb;
    private static DynamoDbClient client;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, 0, Optional.empty());
        client = LocalClients.dynamoDb(dynamoDb.endpoint());
        createContactsTable(client, TABLE);
    }

    @AfterAll
    static void stopDynamoDb() {
        client.close();
        dynamoDb.close();
    }

    /** Tenant-scoped key (pk, sk) and a GSI by (status, updatedAt), the shape of the engine's tables. */
    static void createContactsTable(DynamoDbClient client, String name) {
        client.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("status", ScalarAttributeType.S), attribute("updatedAt", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(BY_STATUS)
                        .keySchema(key("status", KeyType.HASH), key("updatedAt", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        // As with DynamoDB itself, a table may answer CREATING for a moment: dynalite flips it to ACTIVE in a
        // second, asynchronous write, which takes longer with an on-disk store on a busy machine.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (client.describeTable(r -> r.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("table " + name + " did not become ACTIVE");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void createsTablesThatAreActiveAtOnceWithArnsInTheLocalRegion() {
        var table = client.describeTable(r -> r.tableName(TABLE)).table();

        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.globalSecondaryIndexes()).singleElement()
                .satisfies(index -> assertThat(index.indexStatusAsString()).isEqualTo("ACTIVE"));
        assertThat(table.tableArn()).isEqualTo(
                "arn:aws:dynamodb:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":table/" + TABLE);
        assertThat(client.listTables().tableNames()).contains(TABLE);
    }

    @Test
    void rejectsAConditionalPutOfAnExistingKeyWithConditionalCheckFailed() {
        Map<String, AttributeValue> contact = Map.of("pk", s("tenant#sos"), "sk", s("contact#dup@example.org"),
                "status", s("new"), "updatedAt", n(1));
        client.putItem(r -> r.tableName(TABLE).item(contact).conditionExpression("attribute_not_exists(pk)"));

        assertThatThrownBy(() -> client.putItem(r -> r.tableName(TABLE).item(contact)
                .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void appliesAConditionExpressionToAnUpdate() {
        Map<String, AttributeValue> key = key("tenant#sos", "contact#cond@example.org");
        client.putItem(r -> r.tableName(TABLE).item(item(key, "status", s("queued"))));

        client.updateItem(r -> r.tableName(TABLE).key(key).updateExpression("SET #s = :sent")
                .conditionExpression("#s = :queued")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":sent", s("sent"), ":queued", s("queued"))));

        assertThatThrownBy(() -> client.updateItem(r -> r.tableName(TABLE).key(key).updateExpression("SET #s = :sent")
                .conditionExpression("#s = :queued")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":sent", s("sent"), ":queued", s("queued")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get(key)).containsEntry("status", s("sent"));
    }

    @Test
    void setIfNotExistsKeepsTheFirstValueWhileSetOverwritesTheOther() {
        Map<String, AttributeValue> key = key("tenant#sos", "contact#first@example.org");
        for (String source : List.of("scraper-a", "scraper-b")) {
            client.updateItem(r -> r.tableName(TABLE).key(key)
                    .updateExpression("SET firstSource = if_not_exists(firstSource, :src), lastSource = :src")
                    .expressionAttributeValues(Map.of(":src", s(source))));
        }

        assertThat(get(key)).containsEntry("firstSource", s("scraper-a")).containsEntry("lastSource", s("scraper-b"));
    }

    @Test
    void addCountsFromNothingAndReturnsTheUpdatedValue() {
        Map<String, AttributeValue> key = key("tenant#sos", "counter#sent#2025-01-01");
        AttributeValue last = null;
        for (int i = 0; i < 3; i++) {
            last = client.updateItem(r -> r.tableName(TABLE).key(key).updateExpression("ADD sent :one")
                    .expressionAttributeValues(Map.of(":one", n(1))).returnValues(ReturnValue.UPDATED_NEW))
                    .attributes().get("sent");
        }

        assertThat(last).isEqualTo(n(3));
        assertThat(get(key)).containsEntry("sent", n(3));
    }

    @Test
    void removeDropsAnAttributeAndListAppendAddsToTheEnd() {
        Map<String, AttributeValue> key = key("tenant#sos", "contact#history@example.org");
        client.putItem(r -> r.tableName(TABLE).item(item(key, "lease", s("127.0.1.7"))));

        client.updateItem(r -> r.tableName(TABLE).key(key)
                .updateExpression("SET events = list_append(if_not_exists(events, :empty), :e) REMOVE lease")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()),
                        ":e", AttributeValue.fromL(List.of(s("sent"))))));
        client.updateItem(r -> r.tableName(TABLE).key(key)
                .updateExpression("SET events = list_append(events, :e)")
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromL(List.of(s("opened"), s("clicked"))))));

        Map<String, AttributeValue> stored = get(key);
        assertThat(stored).doesNotContainKey("lease");
        assertThat(stored.get("events").l()).containsExactly(s("sent"), s("opened"), s("clicked"));
    }

    @Test
    void queriesAGlobalSecondaryIndexBySortKeyRangeInBothOrders() {
        IntStream.rangeClosed(1, 6).forEach(i -> client.putItem(r -> r.tableName(TABLE).item(Map.of(
                "pk", s("tenant#ulixai"), "sk", s("contact#gsi" + i + "@example.org"),
                "status", s("bounced"), "updatedAt", n(1000 + i)))));

        QueryResponse between = client.query(r -> r.tableName(TABLE).indexName(BY_STATUS)
                .keyConditionExpression("#s = :status AND updatedAt BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":status", s("bounced"), ":from", n(1002), ":to", n(1004))));
        QueryResponse newestTwo = client.query(r -> r.tableName(TABLE).indexName(BY_STATUS)
                .keyConditionExpression("#s = :status AND updatedAt > :after")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":status", s("bounced"), ":after", n(1000)))
                .scanIndexForward(false).limit(2));

        assertThat(between.items()).extracting(item -> item.get("updatedAt").n()).containsExactly("1002", "1003", "1004");
        assertThat(newestTwo.items()).extracting(item -> item.get("updatedAt").n()).containsExactly("1006", "1005");
        assertThat(newestTwo.lastEvaluatedKey()).containsEntry("updatedAt", n(1005));
    }

    @Test
    void queriesTheTableBySortKeyPrefix() {
        client.putItem(r -> r.tableName(TABLE).item(item(key("tenant#prefix", "step#1"), "status", s("due"))));
        client.putItem(r -> r.tableName(TABLE).item(item(key("tenant#prefix", "step#2"), "status", s("due"))));
        client.putItem(r -> r.tableName(TABLE).item(item(key("tenant#prefix", "other#1"), "status", s("due"))));

        var steps = client.query(r -> r.tableName(TABLE)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s("tenant#prefix"), ":prefix", s("step#")))).items();

        assertThat(steps).extracting(item -> item.get("sk").s()).containsExactly("step#1", "step#2");
    }

    @Test
    void batchWriteItemPutsAndDeletesInOneCall() {
        client.putItem(r -> r.tableName(TABLE).item(item(key("tenant#batch", "old"), "status", s("stale"))));
        List<WriteRequest> writes = new ArrayList<>(IntStream.range(0, 24)
                .mapToObj(i -> WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(item(key("tenant#batch", "new#" + i), "status", s("fresh"))).build()).build())
                .toList());
        writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key("tenant#batch", "old")).build())
                .build());

        var response = client.batchWriteItem(r -> r.requestItems(Map.of(TABLE, writes)));

        assertThat(response.unprocessedItems()).isEmpty();
        var stored = client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("tenant#batch")))).items();
        assertThat(stored).hasSize(24).allSatisfy(i -> assertThat(i.get("status")).isEqualTo(s("fresh")));
    }

    @Test
    void refusesMoreThanTwentyFiveWritesInOneBatch() {
        List<WriteRequest> writes = IntStream.range(0, 26)
                .mapToObj(i -> WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(item(key("tenant#batch26", "n#" + i), "status", s("x"))).build()).build())
                .toList();

        assertThatThrownBy(() -> client.batchWriteItem(r -> r.requestItems(Map.of(TABLE, writes))))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    /** A known gap of dynalite 4.0.0: if this starts passing the other way, update the docs and use transactions. */
    @Test
    void doesNotKnowTransactWriteItemsNorTransactGetItems() {
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(TABLE)
                .item(item(key("tenant#tx", "a"), "status", s("x")))).build();
        TransactGetItem get = TransactGetItem.builder().get(g -> g.tableName(TABLE).key(key("tenant#tx", "a"))).build();

        assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(put)))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("UnknownOperationException"));
        assertThatThrownBy(() -> client.transactGetItems(r -> r.transactItems(get)))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("UnknownOperationException"));
        assertThat(client.getItem(r -> r.tableName(TABLE).key(key("tenant#tx", "a"))).hasItem()).isFalse();
    }

    /** A known gap of dynalite 4.0.0: TTL can be described (always disabled) but not turned on. */
    @Test
    void describesTimeToLiveAsDisabledAndDoesNotKnowUpdateTimeToLive() {
        var ttl = client.describeTimeToLive(r -> r.tableName(TABLE)).timeToLiveDescription();

        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
        assertThatThrownBy(() -> client.updateTimeToLive(r -> r.tableName(TABLE)
                .timeToLiveSpecification(s -> s.attributeName("expiresAt").enabled(true))))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("UnknownOperationException"));
    }

    @Test
    void keepsTablesAndItemsAcrossARestartWithADataFolder(@TempDir Path dataDir) {
        Map<String, AttributeValue> key = key("tenant#sos", "contact#kept@example.org");
        try (DynaliteDynamoDb first = DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, 0, Optional.of(dataDir));
                DynamoDbClient firstClient = LocalClients.dynamoDb(first.endpoint())) {
            createContactsTable(firstClient, "kept");
            firstClient.putItem(r -> r.tableName("kept").item(item(key, "status", s("valid"))));
        }

        try (DynaliteDynamoDb second = DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, 0, Optional.of(dataDir));
                DynamoDbClient secondClient = LocalClients.dynamoDb(second.endpoint())) {
            assertThat(secondClient.listTables().tableNames()).containsExactly("kept");
            assertThat(secondClient.getItem(r -> r.tableName("kept").key(key)).item()).containsEntry("status", s("valid"));
        }
    }

    private static Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        return client.getItem(r -> r.tableName(TABLE).key(key).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static Map<String, AttributeValue> item(Map<String, AttributeValue> key, String name, AttributeValue value) {
        var item = new HashMap<>(key);
        item.put(name, value);
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
