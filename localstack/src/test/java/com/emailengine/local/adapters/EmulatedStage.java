package com.emailengine.local.adapters;

import com.emailengine.functions.runtime.AwsClients;
import com.emailengine.functions.runtime.Settings;
import com.emailengine.functions.topology.ResourceNames;
import com.emailengine.functions.topology.SystemTopology;
import com.emailengine.local.cloud.CloudEndpoints;
import com.emailengine.local.cloud.LocalEmulators;
import com.emailengine.local.cloud.ResourceProvisioner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One stage of the system topology provisioned on the shared emulators, with SDK clients built the way
 * the functions build them ({@link AwsClients} from {@link Settings}). A stage name per test class (or per
 * test) gives it tables and queues of its own.
 */
public final class EmulatedStage implements AutoCloseable {

    private final ResourceNames names;
    private final ResourceProvisioner.Provisioned provisioned;
    private final Map<String, String> settings;
    private final AwsClients aws;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;

    private EmulatedStage(ResourceNames names, Map<String, String> settings, AwsClients aws) {
        this.names = names;
        this.aws = aws;
        this.sqs = aws.sqs();
        this.dynamoDb = aws.dynamoDb();
        this.s3 = aws.s3();
        this.provisioned = new ResourceProvisioner(sqs, dynamoDb, s3)
                .provision(SystemTopology.forTenants(TestTenants.IDS), names);
        this.settings = settings;
        provisioned.queueUrls().forEach((queue, url) -> settings.put(ResourceNames.queueUrlSetting(queue), url));
        provisioned.buckets().forEach((bucket, name) -> settings.put(ResourceNames.bucketSetting(bucket), name));
    }

    /** Creates the queues, tables and bucket of {@code stage} for the test tenants. */
    public static EmulatedStage provision(LocalEmulators emulators, String stage) {
        CloudEndpoints endpoints = emulators.endpoints();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Settings.STAGE, stage);
        settings.put(Settings.REGION, endpoints.region());
        settings.put(Settings.SQS_ENDPOINT, endpoints.sqs().toString());
        settings.put(Settings.DYNAMODB_ENDPOINT, endpoints.dynamoDb().toString());
        settings.put(Settings.S3_ENDPOINT, endpoints.s3().toString());
        settings.put(Settings.ACCESS_KEY_ID, endpoints.accessKeyId());
        settings.put(Settings.SECRET_ACCESS_KEY, endpoints.secretAccessKey());
        settings.put(Settings.CONFIG_DIR, TestTenants.configDir().toString());
        return new EmulatedStage(new ResourceNames(stage), settings, new AwsClients(Settings.of(settings)));
    }

    /** What a function of this stage would be configured with: endpoints, keys, queue URLs, bucket, config folder. */
    public Map<String, String> settingsMap() {
        return new LinkedHashMap<>(settings);
    }

    public Settings settings() {
        return Settings.of(settings);
    }

    public ResourceNames names() {
        return names;
    }

    public String table(String logical) {
        return names.table(logical);
    }

    public String queueUrl(String logical) {
        String url = provisioned.queueUrls().get(logical);
        if (url == null) {
            throw new IllegalArgumentException("no queue " + logical + " in " + provisioned.queueUrls().keySet());
        }
        return url;
    }

    public String bucket(String logical) {
        return provisioned.buckets().get(logical);
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public S3Client s3() {
        return s3;
    }

    /** Messages on the queue, visible or in flight (ElasticMQ counts exactly). */
    public int messagesOn(String logicalQueue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl(logicalQueue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Receives and deletes every message now visible on the queue; returns their bodies in receive order. */
    public List<String> drain(String logicalQueue) {
        String url = queueUrl(logicalQueue);
        List<String> bodies = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (var message : messages) {
                bodies.add(message.body());
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
    }

    @Override
    public void close() {
        sqs.close();
        dynamoDb.close();
        s3.close();
        aws.close();
    }
}
