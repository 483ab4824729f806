package com.emailengine.emulators.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.emulators.fixtures.LocalClients;
import com.emailengine.platform.topology.BucketDefinition;
import com.emailengine.platform.topology.IndexDefinition;
import com.emailengine.platform.topology.KeyAttribute;
import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import com.emailengine.platform.topology.TableDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The provisioner against all three emulators, reading back what it made through the AWS APIs. */
class ResourceProvisionerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SystemTopology TOPOLOGY = SystemTopology.forTenants(List.of("sos-expat", "ulixai"));
    private static final ResourceNames NAMES = new ResourceNames("test");

    private static LocalEmulators emulators;
    private static SqsClient sqs;
    private static DynamoDbClient dynamoDb;
    private static S3Client s3;
    private static ResourceProvisioner provisioner;
    private static ResourceProvisioner.Provisioned provisioned;
    private static String firstRunOutput;

    @BeforeAll
    static void provision() {
        emulators = LocalEmulators.start(EmulatorSettings.ephemeral());
        sqs = LocalClients.sqs(emulators.endpoints().sqs());
        dynamoDb = LocalClients.dynamoDb(emulators.endpoints().dynamoDb());
        s3 = LocalClients.s3(emulators.endpoints().s3());
        provisioner = new ResourceProvisioner(sqs, dynamoDb, s3);
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            provisioned = provisioner.provision(TOPOLOGY, NAMES);
        } finally {
            System.setOut(out);
        }
        firstRunOutput = captured.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopEmulators() {
        sqs.close();
        dynamoDb.close();
        s3.close();
        emulators.close();
    }

    @Test
    void createsEveryQueueWithItsDeadLetterQueueVisibilityRetentionAndRedrivePolicy() throws Exception {
        for (QueueDefinition queue : TOPOLOGY.queues()) {
            String url = provisioned.queueUrls().get(queue.name());
            String dlqUrl = provisioned.queueUrls().get(queue.deadLetterName());
            Map<QueueAttributeName, String> attributes = attributes(url);
            Map<QueueAttributeName, String> dlq = attributes(dlqUrl);

            assertThat(url).endsWith("/" + LocalAccount.ACCOUNT_ID + "/ee-test-" + queue.name());
            assertThat(dlqUrl).endsWith("/" + LocalAccount.ACCOUNT_ID + "/ee-test-" + queue.name() + "-dlq");
            // MessageRetentionPeriod cannot be read back here: ElasticMQ accepts it and drops it (it lists it in
            // its UnsupportedAttributeNames), and keeps messages until they are deleted.
            assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queue.visibilityTimeout().toSeconds()))
                    .containsEntry(QueueAttributeName.QUEUE_ARN, provisioned.queueArns().get(queue.name()));
            assertThat(dlq).containsEntry(QueueAttributeName.QUEUE_ARN, provisioned.queueArns().get(queue.deadLetterName()))
                    .doesNotContainKey(QueueAttributeName.REDRIVE_POLICY);
            JsonNode redrive = JSON.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
            assertThat(redrive.get("deadLetterTargetArn").asText()).isEqualTo(dlq.get(QueueAttributeName.QUEUE_ARN))
                    .isEqualTo("arn:aws:sqs:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":ee-test-" + queue.deadLetterName());
            assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(queue.maxReceiveCount());
        }
        List<String> expected = new ArrayList<>();
        TOPOLOGY.queues().forEach(q -> {
            expected.add(provisioned.queueUrls().get(q.name()));
            expected.add(provisioned.queueUrls().get(q.deadLetterName()));
        });
        assertThat(sqs.listQueues(r -> r.queueNamePrefix("ee-test-")).queueUrls()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(provisioned.queueUrls()).containsKeys("contacts", "events", "outbound-sos-expat", "outbound-ulixai",
                "contacts-dlq", "outbound-ulixai-dlq").hasSize(2 * TOPOLOGY.queues().size());
    }

    @Test
    void createsEveryTableWithItsKeySchemaAndIndexes() {
        assertThat(dynamoDb.listTables().tableNames()).contains("ee-test-contacts", "ee-test-enrollments", "ee-test-messages")
                .containsExactlyInAnyOrderElementsOf(TOPOLOGY.tables().stream().map(t -> NAMES.table(t.name())).toList());
        for (TableDefinition table : TOPOLOGY.tables()) {
            TableDescription description = dynamoDb.describeTable(r -> r.tableName(NAMES.table(table.name()))).table();

            assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            List<KeySchemaElement> key = new ArrayList<>(List.of(key(table.partitionKey().name(), KeyType.HASH)));
            table.sortKey().ifPresent(sort -> key.add(key(sort.name(), KeyType.RANGE)));
            assertThat(description.keySchema()).containsExactlyElementsOf(key);
            assertThat(description.globalSecondaryIndexes()).hasSameSizeAs(table.indexes());
            for (IndexDefinition index : table.indexes()) {
                GlobalSecondaryIndexDescription gsi = description.globalSecondaryIndexes().stream()
                        .filter(g -> g.indexName().equals(index.name())).findFirst().orElseThrow();
                assertThat(gsi.keySchema()).containsExactly(key(index.partitionKey().name(), KeyType.HASH),
                        key(index.sortKey().name(), KeyType.RANGE));
                assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
            }
            List<KeyAttribute> keyAttributes = new ArrayList<>(List.of(table.partitionKey()));
            table.sortKey().ifPresent(keyAttributes::add);
            table.indexes().forEach(index -> keyAttributes.addAll(List.of(index.partitionKey(), index.sortKey())));
            assertThat(description.attributeDefinitions()).containsExactlyInAnyOrderElementsOf(keyAttributes.stream().distinct()
                    .map(a -> AttributeDefinition.builder().attributeName(a.name())
                            .attributeType(a.kind() == KeyAttribute.Kind.N ? ScalarAttributeType.N : ScalarAttributeType.S).build())
                    .toList());
        }
        // The due index sorts by a number: due_at is an epoch second.
        assertThat(dynamoDb.describeTable(r -> r.tableName("ee-test-enrollments")).table().attributeDefinitions())
                .contains(AttributeDefinition.builder().attributeName("due_at").attributeType(ScalarAttributeType.N).build());
    }

    @Test
    void createsEveryBucket() {
        for (BucketDefinition bucket : TOPOLOGY.buckets()) {
            String name = provisioned.buckets().get(bucket.name());
            assertThat(name).isEqualTo("ee-test-" + bucket.name());
            // The create named eu-west-1 as LocationConstraint (S3 wants it outside us-east-1); s3proxy took it,
            // though it reports no location back, so only the bucket's existence can be checked here.
            s3.headBucket(r -> r.bucket(name));
        }
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("ee-test-config")
                .containsExactlyInAnyOrderElementsOf(TOPOLOGY.buckets().stream().map(b -> NAMES.bucket(b.name())).toList());
    }

    @Test
    void skipsTheTtlStepOnDynaliteWithALogLine() {
        // dynalite answers UnknownOperationException to the TTL API; any other error would fail the run.
        assertThat(firstRunOutput).contains("\"component\":\"provisioner\"")
                .contains("TTL on ee-test-messages.expires_at not enabled by this emulator");
    }

    @Test
    void runningItAgainKeepsWhatExistsAndRestoresTheDefinedAttributes() {
        String contacts = provisioned.queueUrls().get("events");
        sqs.sendMessage(r -> r.queueUrl(contacts).messageBody("kept"));
        dynamoDb.putItem(r -> r.tableName("ee-test-contacts").item(Map.of(
                "tenant", AttributeValue.fromS("sos-expat"), "contact_id", AttributeValue.fromS("c1"))));
        s3.putObject(r -> r.bucket("ee-test-config").key("config/tenants.yaml"), RequestBody.fromString("tenants: []"));
        // Someone changed a queue by hand; the next start puts the definition back.
        sqs.setQueueAttributes(r -> r.queueUrl(contacts).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "7")));

        ResourceProvisioner.Provisioned again = provisioner.provision(TOPOLOGY, NAMES);

        assertThat(again).isEqualTo(provisioned);
        assertThat(sqs.listQueues(r -> r.queueNamePrefix("ee-test-")).queueUrls()).hasSize(2 * TOPOLOGY.queues().size());
        assertThat(attributes(contacts)).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "180")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1");
        assertThat(dynamoDb.listTables().tableNames()).hasSize(TOPOLOGY.tables().size());
        assertThat(dynamoDb.scan(r -> r.tableName("ee-test-contacts")).count()).isEqualTo(1);
        assertThat(s3.listBuckets().buckets()).hasSize(TOPOLOGY.buckets().size());
        assertThat(s3.getObjectAsBytes(r -> r.bucket("ee-test-config").key("config/tenants.yaml")).asUtf8String()).isEqualTo("tenants: []");
    }

    @Test
    void provisioningQueuesRestoredFromADataFolderKeepsTheirMessagesAndPutsTheirDefinitionBack(@TempDir Path data)
            throws Exception {
        ResourceNames names = new ResourceNames("restart");
        try (EmbeddedSqs first = EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0, Optional.of(data));
                SqsClient client = LocalClients.sqs(first.endpoint())) {
            ResourceProvisioner.Provisioned before = new ResourceProvisioner(client, dynamoDb, s3).provision(TOPOLOGY, names);
            client.sendMessage(r -> r.queueUrl(before.queueUrls().get("contacts")).messageBody("kept"));
            client.setQueueAttributes(r -> r.queueUrl(before.queueUrls().get("contacts"))
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "7")));
        }

        try (EmbeddedSqs second = EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0, Optional.of(data));
                SqsClient client = LocalClients.sqs(second.endpoint())) {
            ResourceProvisioner.Provisioned after = new ResourceProvisioner(client, dynamoDb, s3).provision(TOPOLOGY, names);
            Map<QueueAttributeName, String> contacts = client.getQueueAttributes(r -> r.queueUrl(after.queueUrls()
                    .get("contacts")).attributeNames(QueueAttributeName.ALL)).attributes();

            assertThat(client.listQueues(r -> r.queueNamePrefix("ee-restart-")).queueUrls())
                    .hasSize(2 * TOPOLOGY.queues().size());
            assertThat(contacts).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "180")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1");
            assertThat(JSON.readTree(contacts.get(QueueAttributeName.REDRIVE_POLICY)).get("deadLetterTargetArn").asText())
                    .isEqualTo(after.queueArns().get("contacts-dlq"));
        }
    }

    private static Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
