package com.emailengine.emulators.cloud;

import com.emailengine.platform.runtime.Log;
import com.emailengine.platform.topology.BucketDefinition;
import com.emailengine.platform.topology.IndexDefinition;
import com.emailengine.platform.topology.KeyAttribute;
import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import com.emailengine.platform.topology.TableDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the topology's queues (each with its DLQ and redrive policy), tables (with their indexes) and
 * buckets through the AWS APIs, against the embedded emulators or LocalStack alike. Idempotent: what
 * exists is kept, so a restart on persistent data works; an existing queue gets the defined attributes
 * again, an existing table is kept as it is (a changed key schema or index is not migrated). Bucket
 * expiry ({@link BucketDefinition#expireAfter()}) is left to the CDK stack: s3proxy has no lifecycle rules.
 *
 * <p>Not thread-safe: one provisioning run at a time.
 */
public final class ResourceProvisioner {

    /** What was provisioned: queue URLs and ARNs by logical name, bucket names by logical name. Unmodifiable. */
    public record Provisioned(Map<String, String> queueUrls, Map<String, String> queueArns, Map<String, String> buckets) {
        public Provisioned {
            queueUrls = Collections.unmodifiableMap(new LinkedHashMap<>(queueUrls));
            queueArns = Collections.unmodifiableMap(new LinkedHashMap<>(queueArns));
            buckets = Collections.unmodifiableMap(new LinkedHashMap<>(buckets));
        }
    }

    /** The error code of an API the emulator does not implement (dynalite: UpdateTimeToLive, DescribeTimeToLive). */
    private static final String UNKNOWN_OPERATION = "UnknownOperationException";
    /** S3's region without a location constraint; every other region must be named when creating a bucket. */
    private static final Region S3_DEFAULT_REGION = Region.US_EAST_1;

    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final S3Client s3;

    public ResourceProvisioner(SqsClient sqs, DynamoDbClient dynamo, S3Client s3) {
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.s3 = s3;
    }

    public Provisioned provision(SystemTopology topology, ResourceNames names) {
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, String> arns = new LinkedHashMap<>();
        for (QueueDefinition queue : topology.queues()) {
            String dlqUrl = createQueue(names.queue(queue.deadLetterName()), Map.of(
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(QueueDefinition.DEAD_LETTER_RETENTION.toSeconds())));
            String dlqArn = arn(dlqUrl);
            String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}";
            String url = createQueue(names.queue(queue.name()), Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queue.visibilityTimeout().toSeconds()),
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(queue.retention().toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, redrive));
            urls.put(queue.name(), url);
            arns.put(queue.name(), arn(url));
            urls.put(queue.deadLetterName(), dlqUrl);
            arns.put(queue.deadLetterName(), dlqArn);
        }
        for (TableDefinition table : topology.tables()) {
            createTable(names.table(table.name()), table);
        }
        Map<String, String> buckets = new LinkedHashMap<>();
        for (BucketDefinition bucket : topology.buckets()) {
            String name = names.bucket(bucket.name());
            createBucket(name);
            buckets.put(bucket.name(), name);
        }
        return new Provisioned(urls, arns, buckets);
    }

    private void createBucket(String name) {
        Region region = s3.serviceClientConfiguration().region();
        try {
            s3.createBucket(r -> {
                r.bucket(name);
                // Outside us-east-1, S3 refuses a CreateBucket that does not name the client's region.
                if (region != null && !region.equals(S3_DEFAULT_REGION)) {
                    r.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // Kept from an earlier run. (BucketAlreadyExists, someone else's bucket, is an error.)
        }
    }

    private String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        // Set separately so an existing queue (persistent data) gets the current definition too.
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes));
        return url;
    }

    private String arn(String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private void createTable(String name, TableDefinition table) {
        Set<KeyAttribute> attributes = new LinkedHashSet<>();
        attributes.add(table.partitionKey());
        table.sortKey().ifPresent(attributes::add);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (IndexDefinition index : table.indexes()) {
            attributes.add(index.partitionKey());
            attributes.add(index.sortKey());
            indexes.add(GlobalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.ALL)).build());
        }
        List<KeySchemaElement> keySchema = new ArrayList<>();
        keySchema.add(key(table.partitionKey(), KeyType.HASH));
        table.sortKey().ifPresent(sort -> keySchema.add(key(sort, KeyType.RANGE)));
        try {
            dynamo.createTable(r -> {
                r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).keySchema(keySchema)
                        .attributeDefinitions(attributes.stream().map(a -> AttributeDefinition.builder().attributeName(a.name())
                                .attributeType(a.kind() == KeyAttribute.Kind.S ? ScalarAttributeType.S : ScalarAttributeType.N).build()).toList());
                if (!indexes.isEmpty()) {
                    r.globalSecondaryIndexes(indexes);
                }
            });
        } catch (ResourceInUseException e) {
            // Kept from an earlier run.
        }
        waitUntilActive(name);
        table.ttlAttribute().ifPresent(ttl -> enableTtl(name, ttl));
    }

    private void waitUntilActive(String name) {
        for (int i = 0; i < 200; i++) {
            if (dynamo.describeTable(r -> r.tableName(name)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("table " + name + " did not become ACTIVE");
    }

    private void enableTtl(String table, String attribute) {
        try {
            TimeToLiveDescription current = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
            boolean on = current.timeToLiveStatus() == TimeToLiveStatus.ENABLED || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING;
            if (on && attribute.equals(current.attributeName())) {
                // DynamoDB refuses to enable TTL twice, so a second run must not ask again.
                return;
            }
            dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName(attribute)));
        } catch (DynamoDbException e) {
            if (e.awsErrorDetails() == null || !UNKNOWN_OPERATION.equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            // dynalite has no TTL API; locally nothing expires, which only keeps more history.
            Log.info("provisioner", "TTL on " + table + "." + attribute + " not enabled by this emulator (" + UNKNOWN_OPERATION + ")");
        }
    }

    private static KeySchemaElement key(KeyAttribute attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute.name()).keyType(type).build();
    }
}
