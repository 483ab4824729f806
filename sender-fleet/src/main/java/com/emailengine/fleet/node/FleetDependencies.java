package com.emailengine.fleet.node;

import com.emailengine.adapters.s3.ConfigSources;
import com.emailengine.adapters.sqs.QueueUrls;
import com.emailengine.core.config.ConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.platform.aws.AwsClients;
import com.emailengine.platform.runtime.Lazy;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root of a sender node: the AWS clients, resource names, queue URLs and configuration a node is
 * built from, each made once on first use. The daemon builds one from its settings ({@link FleetMain}); the local
 * cloud builds one per engine and hands it to every node it starts.
 */
public final class FleetDependencies {

    private final Settings settings;
    private final Clock clock;
    private final ResourceNames names;
    private final Lazy<AwsClients> aws;
    private final Lazy<SqsClient> sqs;
    private final Lazy<DynamoDbClient> dynamo;
    private final Lazy<S3Client> s3;
    private final Lazy<QueueUrls> queueUrls;
    private final Lazy<EngineConfig> config;

    public FleetDependencies(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.names = new ResourceNames(settings.require(Settings.STAGE));
        this.aws = new Lazy<>(() -> new AwsClients(settings));
        this.sqs = new Lazy<>(() -> aws.get().sqs());
        this.dynamo = new Lazy<>(() -> aws.get().dynamoDb());
        this.s3 = new Lazy<>(() -> aws.get().s3());
        this.queueUrls = new Lazy<>(() -> new QueueUrls(settings, names, sqs.get()));
        this.config = new Lazy<>(() -> EngineConfig.load(configSource()));
    }

    /** The configuration files: the config folder locally, the config bucket in the cloud. */
    public ConfigSource configSource() {
        return ConfigSources.fromSettings(settings, s3);
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public ResourceNames names() {
        return names;
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    public DynamoDbClient dynamoDb() {
        return dynamo.get();
    }

    public S3Client s3() {
        return s3.get();
    }

    public QueueUrls queueUrls() {
        return queueUrls.get();
    }

    public EngineConfig config() {
        return config.get();
    }
}
