package com.emailengine.functions.runtime;

import com.emailengine.adapters.dynamodb.DynamoContactStore;
import com.emailengine.adapters.campaigns.DynamoCampaignStore;
import com.emailengine.adapters.dynamodb.DynamoEnrollmentStore;
import com.emailengine.adapters.dynamodb.DynamoSuppressionList;
import com.emailengine.adapters.s3.ConfigSources;
import com.emailengine.adapters.secrets.MessageIdKeys;
import com.emailengine.adapters.secrets.SecretsManagerSourceKeys;
import com.emailengine.adapters.sqs.QueueUrls;
import com.emailengine.adapters.sqs.SqsContactQueue;
import com.emailengine.adapters.sqs.SqsOutboundQueue;
import com.emailengine.adapters.templates.DynamoAutoresponderStore;
import com.emailengine.adapters.templates.DynamoTemplateStore;
import com.emailengine.adapters.templates.S3TemplateContents;
import com.emailengine.core.campaign.CampaignLookup;
import com.emailengine.core.campaign.DueSteps;
import com.emailengine.core.campaign.catalog.ActivationCheck;
import com.emailengine.core.campaign.catalog.ActiveCampaigns;
import com.emailengine.core.campaign.catalog.CampaignCatalog;
import com.emailengine.core.campaign.catalog.CampaignStore;
import com.emailengine.core.campaign.catalog.SeedCampaigns;
import com.emailengine.core.campaign.EnrollmentStore;
import com.emailengine.core.config.ConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.delivery.MessageIds;
import com.emailengine.core.delivery.TestSendGate;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.feedback.DeliveryFeedback;
import com.emailengine.core.ingest.ContactIngest;
import com.emailengine.core.ingest.ContactIntake;
import com.emailengine.core.mailwizz.MailWizzImport;
import com.emailengine.core.source.DirectorySourceKeys;
import com.emailengine.core.source.RequestAuthenticator;
import com.emailengine.core.source.SourceKeys;
import com.emailengine.core.suppression.SuppressionList;
import com.emailengine.core.templating.ClasspathTemplateLibrary;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.StoredTemplateLibrary;
import com.emailengine.core.templating.TemplateLibrary;
import com.emailengine.core.templating.TemplateCatalog;
import com.emailengine.core.templating.TemplateCompiler;
import com.emailengine.core.templating.TemplateSandbox;
import com.emailengine.core.templating.TemplateStore;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.MailRouteCheck;
import com.emailengine.core.validation.SuppressionCheck;
import com.emailengine.core.validation.ValidationData;
import com.emailengine.platform.aws.AwsClients;
import com.emailengine.platform.runtime.Lazy;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

    /** How long the intake waits for one DNS answer before calling the domain unknown (and retrying later). */
    static final Duration DNS_TIMEOUT = Duration.ofSeconds(3);
    /** Domains looked up at once by one intake batch (~130 contacts): all of them, so a batch waits at most ~2 timeouts. */
    static final int DNS_CONCURRENCY = 128;

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
    private final Lazy<TemplateCompiler> templateCompiler;
    private final Lazy<TemplateStore> templateStore;
    private final Lazy<SuppressionList> suppressions;
    private final Lazy<SourceKeys> sourceKeys;
    private final Lazy<MailRouteResolver> mailRoutes;
    private final Lazy<SqsContactQueue> contactQueue;
    private final Lazy<MessageIds> messageIds;
    private final Lazy<TestSendGate> testSendGate;
    private final Lazy<TemplateLibrary> templateLibrary;
    private final Lazy<CampaignStore> campaignStore;
    private final Lazy<Boolean> campaignsSeeded;
    private final ActiveCampaigns.Versions campaignVersions = new ActiveCampaigns.Versions();

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
        this.enrollments = new Lazy<>(() -> new DynamoEnrollmentStore(dynamo.get(), names.table(SystemTopology.ENROLLMENTS_TABLE), SystemTopology.ENROLLMENTS_DUE_INDEX));
        this.templateCompiler = new Lazy<>(() -> new TemplateCompiler(new TemplateSandbox()));
        this.templateStore = new Lazy<>(() -> new DynamoTemplateStore(dynamo.get(), names.table(SystemTopology.TEMPLATES_TABLE),
                new S3TemplateContents(s3.get(), settings.require(ResourceNames.bucketSetting(SystemTopology.TEMPLATES_BUCKET)))));
        this.templateLibrary = new Lazy<>(() -> new StoredTemplateLibrary(
                new ClasspathTemplateLibrary(FunctionDependencies.class.getClassLoader()), templateStore));
        this.renderer = new Lazy<>(() -> new MessageRenderer(templateLibrary.get(), templateCompiler.get(), clock));
        this.campaignStore = new Lazy<>(() -> new DynamoCampaignStore(dynamo.get(), names.table(SystemTopology.CAMPAIGNS_TABLE)));
        // The shipped campaigns are seeded once per execution environment before anyone looks one up (D46): the intake
        // may run before the first scheduler run on a fresh stage, and must find the welcome campaign.
        this.campaignsSeeded = new Lazy<>(() -> {
            SeedCampaigns.seed(campaignCatalog(), config().tenants(), config().campaigns());
            return true;
        });
        this.suppressions = new Lazy<>(() -> new DynamoSuppressionList(dynamo.get(), names.table(SystemTopology.SUPPRESSIONS_TABLE)));
        this.sourceKeys = new Lazy<>(() -> settings.get(Settings.SOURCE_KEY_DIR)
                .<SourceKeys>map(dir -> new DirectorySourceKeys(Path.of(dir)))
                .orElseGet(() -> new SecretsManagerSourceKeys(aws.get().secretsManager(),
                        settings.get(Settings.SOURCE_KEY_PREFIX).orElse(names.sourceKeySecretPrefix()), clock)));
        // One resolver per execution environment: its cache outlives invocations.
        this.mailRoutes = new Lazy<>(() -> new MailRouteResolver(
                DnsResolvers.fromSetting(settings.get(Settings.DNS_RESOLVER).orElse("system"), DNS_TIMEOUT), clock));
        this.messageIds = new Lazy<>(() -> new MessageIds(MessageIdKeys.load(settings, names, () -> aws.get().secretsManager())));
        this.testSendGate = new Lazy<>(() -> new TestSendGate(suppressions.get(), clock));
        this.contactQueue = new Lazy<>(() -> new SqsContactQueue(sqs.get(), queueUrls.get().url(SystemTopology.CONTACTS_QUEUE)));
    }

    /** The instance built from the process environment (Lambda). */
    public static FunctionDependencies environment() {
        return ENVIRONMENT.get();
    }

    /** Where the configuration files are read from: the config folder locally, the config bucket in the cloud. */
    public ConfigSource configSource() {
        return ConfigSources.fromSettings(settings, s3);
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

    public SqsContactQueue contactQueue() {
        return contactQueue.get();
    }

    public SuppressionList suppressions() {
        return suppressions.get();
    }

    public SourceKeys sourceKeys() {
        return sourceKeys.get();
    }

    public MailRouteResolver mailRoutes() {
        return mailRoutes.get();
    }

    public ContactIngest contactIngest() {
        EngineConfig engine = config();
        return new ContactIngest(engine, new RequestAuthenticator(engine.sources(), sourceKeys(), clock),
                ValidationData.shipped(), contacts(), suppressions(), contactQueue(), clock);
    }

    public ContactIntake contactIntake() {
        AddressValidator validator = AddressValidator.standard(ValidationData.shipped(), new SuppressionCheck(suppressions()),
                new MailRouteCheck(mailRoutes()));
        return new ContactIntake(config(), contacts(), enrollments.get(), campaigns(),
                new BulkValidator(validator, DNS_CONCURRENCY), contactQueue(), clock);
    }

    public DueSteps dueSteps() {
        return new DueSteps(config().tenants(), campaigns(), messageIds.get(), enrollments.get(), contacts(), renderer.get(),
                new SqsOutboundQueue(sqs.get(), tenant -> queueUrls.get().url(SystemTopology.outboundQueue(tenant))), clock, 500);
    }

    /** Renders shipped templates and the tenants' stored versions; compiled versions cached for the process. */
    public MessageRenderer renderer() {
        return renderer.get();
    }

    /** The campaign use cases of API v2 (the shipped campaigns seeded first). */
    public CampaignCatalog campaignCatalog() {
        return new CampaignCatalog(campaignStore.get(), new ActivationCheck(templateLibrary.get()), clock);
    }

    /**
     * The running versions of campaigns, as the scheduler (a fresh lookup per run) and the intake ask them; the shipped
     * ones seeded first, once per process.
     */
    public CampaignLookup campaigns() {
        campaignsSeeded.get();
        return new ActiveCampaigns(campaignStore.get(), clock, campaignVersions);
    }

    public TemplateCatalog templateCatalog() {
        return new TemplateCatalog(templateStore.get(), templateCompiler.get(), clock);
    }

    public MailWizzImport mailWizzImport() {
        return new MailWizzImport(templateCatalog(), new DynamoAutoresponderStore(dynamoDb(), names.table(SystemTopology.TEMPLATES_TABLE)), clock);
    }

    public SqsOutboundQueue outboundQueue() {
        return new SqsOutboundQueue(sqs.get(), tenant -> queueUrls.get().url(SystemTopology.outboundQueue(tenant)));
    }

    /** One per execution environment: it counts each tenant's test-sends of the last minute. */
    public TestSendGate testSendGate() {
        return testSendGate.get();
    }

    public DeliveryFeedback deliveryFeedback() {
        return new DeliveryFeedback(contacts(), suppressions());
    }
}
