package com.emailengine.functions.runtime;

import com.emailengine.core.campaign.DueSteps;
import com.emailengine.core.campaign.EnrollmentStore;
import com.emailengine.core.config.ConfigSource;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.feedback.DeliveryFeedback;
import com.emailengine.core.ingest.ContactIntake;
import com.emailengine.core.ingest.SubmissionParser;
import com.emailengine.core.templating.ClasspathTemplateLibrary;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.functions.dynamodb.DynamoContactStore;
import com.emailengine.functions.dynamodb.DynamoEnrollmentStore;
import com.emailengine.functions.s3.S3ConfigSource;
import com.emailengine.functions.sqs.QueueUrls;
import com.emailengine.functions.sqs.SqsContactQueue;
import com.emailengine.functions.sqs.SqsOutboundQueue;
import com.emailengine.functions.topology.ResourceNames;
import com.emailengine.functions.topology.SystemTopology;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root of the functions: builds clients, adapters and use cases from {@link Settings},
 * each once and only when first needed. In Lambda one instance lives per execution environment (built
 * in the handler's static initialisation, so SnapStart and cold start pay once); the local cloud builds
 * one from its own settings and hands it to every handler it runs.
 */
public final class FunctionDependencies {

    private static final Lazy<FunctionDependencies> ENVIRONMENT =
            new Lazy<>(() -> new FunctionDependencies(Settings.environment(), Clock.systemUTC()));

    private final Settings settings;
    private final Clock clock;
    private final ResourceNames names;
    private final Lazy<AwsClients> aws;
    private final Lazy<SqsClient> sqs;
    private final Lazy<DynamoDbClient> dynamo;
    private final Lazy<S3Client> s3;
    private final Lazy<EngineConfig> config;
    private final Lazy<QueueUrls> queueUrls;
    private final Lazy<ContactStore> contacts;
    private final Lazy<EnrollmentStore> enrollments;
    private final Lazy<MessageRenderer> renderer;

    public FunctionDependencies(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.names = new ResourceNames(settings.require(Settings.STAGE));
        this.aws = new Lazy<>(() -> new AwsClients(settings));
        this.sqs = new Lazy<>(() -> aws.get().sqs());
        this.dynamo = new Lazy<>(() -> aws.get().dynamoDb());
        this.s3 = new Lazy<>(() -> aws.get().s3());
        this.config = new Lazy<>(() -> EngineConfig.load(configSource()));
        this.queueUrls = new Lazy<>(() -> new QueueUrls(settings, names, sqs.get()));
        this.contacts = new Lazy<>(() -> new DynamoContactStore(dynamo.get(), names.table(SystemTopology.CONTACTS_TABLE)));
        this.enrollments = new Lazy<>(() -> new DynamoEnrollmentStore(dynamo.get(), names.table(SystemTopology.ENROLLMENTS_TABLE)));
        this.renderer = new Lazy<>(() -> new MessageRenderer(new ClasspathTemplateLibrary(FunctionDependencies.class.getClassLoader())));
    }

    /** The instance built from the process environment (Lambda). */
    public static FunctionDependencies environment() {
        return ENVIRONMENT.get();
    }

    /** Where the configuration files are read from: the config folder locally, the config bucket in the cloud. */
    public ConfigSource configSource() {
        return settings.get(Settings.CONFIG_DIR)
                .<ConfigSource>map(dir -> new DirectoryConfigSource(Path.of(dir)))
                .orElseGet(() -> new S3ConfigSource(s3.get(),
                        settings.require(ResourceNames.bucketSetting(SystemTopology.CONFIG_BUCKET)),
                        settings.get(Settings.CONFIG_PREFIX).orElse("config/")));
    }

    public Clock clock() {
        return clock;
    }

    public Settings settings() {
        return settings;
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

    public ContactStore contacts() {
        return contacts.get();
    }

    public SubmissionParser submissionParser() {
        return new SubmissionParser(config().tenants(), clock);
    }

    public SqsContactQueue contactQueue() {
        return new SqsContactQueue(sqs.get(), queueUrls.get().url(SystemTopology.CONTACTS_QUEUE));
    }

    public ContactIntake contactIntake() {
        return new ContactIntake(config(), contacts(), enrollments.get(), clock);
    }

    public DueSteps dueSteps() {
        return new DueSteps(config(), enrollments.get(), contacts(), renderer.get(),
                new SqsOutboundQueue(sqs.get(), queueUrls.get()), clock, 500);
    }

    public DeliveryFeedback deliveryFeedback() {
        return new DeliveryFeedback(contacts());
    }
}
