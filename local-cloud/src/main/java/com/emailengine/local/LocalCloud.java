package com.emailengine.local;

import com.emailengine.core.access.Operator;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.source.DirectorySourceKeys;
import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.cloud.ResourceProvisioner;
import com.emailengine.emulators.internet.LocalInternet;
import com.emailengine.emulators.internet.LocalInternetSettings;
import com.emailengine.emulators.internet.LocalSendingDomains;
import com.emailengine.emulators.internet.MailProvider;
import com.emailengine.fleet.node.FleetDependencies;
import com.emailengine.fleet.node.FleetNode;
import com.emailengine.fleet.node.FleetSettings;
import com.emailengine.fleet.signing.DkimMessageSigner;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.local.runtime.LocalApiGateway;
import com.emailengine.local.runtime.LocalFunction;
import com.emailengine.local.runtime.LocalOperators;
import com.emailengine.local.runtime.LocalScheduler;
import com.emailengine.local.runtime.SqsEventSourcePoller;
import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.FunctionDefinition;
import com.emailengine.platform.topology.MetricNames;
import com.emailengine.platform.topology.QueueTrigger;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.ScheduleDefinition;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The whole engine on one machine: AWS-compatible emulators (SQS, DynamoDB, S3) provisioned from the
 * one topology definition, the same Lambda handlers behind a local API gateway, SQS event-source
 * pollers and a scheduler, a sender-fleet node, and a local internet (DNS plus mailbox-provider SMTP
 * sinks) that the fleet resolves and delivers to, from loopback source addresses.
 */
public final class LocalCloud implements AutoCloseable {

    private final LocalCloudOptions options;
    /** The local operator who may act for every tenant. */
    public static final String ADMIN_OPERATOR = "admin";

    /** How long the emulators wait at JVM exit for this cloud to stop its functions and fleet first. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(60);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** Completed when everything is stopped, in order. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Stops the cloud in order when the JVM exits (SIGTERM, Ctrl-C) before anyone closed it. */
    private final Thread exitHook = new Thread(this::close, "local-cloud-shutdown");
    private EngineConfig config;
    private SystemTopology topology;
    private ResourceNames names;
    private CloudEndpoints endpoints;
    private ResourceProvisioner.Provisioned provisioned;
    private LocalInternet internet;
    private FunctionDependencies dependencies;
    private FleetDependencies fleetDependencies;
    private LocalApiGateway api;
    private LocalScheduler scheduler;
    private final List<FleetNode> fleet = new ArrayList<>();
    private final Map<String, LocalFunction> triggerFunctions = new HashMap<>();
    private final Map<String, SqsEventSourcePoller> pollers = new LinkedHashMap<>();
    private Map<String, String> settings;

    private LocalCloud(LocalCloudOptions options) {
        this.options = options;
    }

    /** Starts everything or, on failure, stops what had started and rethrows. */
    public static LocalCloud start(LocalCloudOptions options) {
        LocalCloud cloud = new LocalCloud(options);
        Runtime.getRuntime().addShutdownHook(cloud.exitHook);
        try {
            cloud.boot();
            return cloud;
        } catch (RuntimeException | IOException e) {
            cloud.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private void boot() throws IOException {
        // Configuration first: a mistake in it is reported before anything starts.
        config = EngineConfig.load(new DirectoryConfigSource(options.configDir()));
        DeliveryPolicy.load(new DirectoryConfigSource(options.configDir()), config.tenants());
        topology = SystemTopology.forTenants(config.tenants().ids());
        names = new ResourceNames(options.stage());

        if (options.externalCloud().isPresent()) {
            endpoints = options.externalCloud().get();
        } else {
            LocalEmulators emulators = remember(LocalEmulators.start(new EmulatorSettings(EmulatorSettings.LOOPBACK,
                    options.sqsPort(), options.dynamoDbPort(), options.s3Port(), options.dataDir())));
            // On SIGTERM or Ctrl-C every shutdown hook runs at once: SQS and DynamoDB must outlive the fleet's last writes.
            emulators.stopAtExitAfter(closed, EXIT_GRACE);
            endpoints = emulators.endpoints();
        }
        settings = endpoints.settings(options.stage());
        // Nothing reads CloudWatch metric lines locally; they would only bury the output.
        settings.put(MetricNames.SETTING, "off");
        FunctionDependencies admin = new FunctionDependencies(Settings.of(settings), Clock.systemUTC());
        provisioned = new ResourceProvisioner(admin.sqs(), admin.dynamoDb(), admin.s3()).provision(topology, names);
        provisioned.queueUrls().forEach((queue, url) -> settings.put(ResourceNames.queueUrlSetting(queue), url));
        provisioned.buckets().forEach((bucket, name) -> settings.put(ResourceNames.bucketSetting(bucket), name));
        uploadConfig(admin);

        internet = remember(LocalInternet.start(internetSettings()));
        LocalSendingDomains.publish(config, options.dkimKeyDir(), internet.zone());

        InetSocketAddress dns = internet.dnsAddress();
        settings.put(Settings.DNS_RESOLVER, dns.getHostString() + ":" + dns.getPort());
        settings.put(FleetSettingKeys.SMTP_PORT, Integer.toString(internet.smtpPort()));
        settings.put(FleetSettingKeys.DKIM_KEY_DIR, options.dkimKeyDir().toString());
        settings.put(Settings.SOURCE_KEY_DIR, options.sourceKeyDir().toString());
        // Beside the source keys: made at the first start and kept, so message ids stay stable across runs.
        settings.put(Settings.MESSAGE_ID_KEY_FILE, options.sourceKeyDir().resolveSibling("message-id.key").toString());
        DirectorySourceKeys sourceKeys = new DirectorySourceKeys(options.sourceKeyDir());
        config.sources().ids().forEach(sourceKeys::ensureKey);
        settings.put(FleetSettingKeys.RECEIVE_WAIT, Integer.toString(options.pollWaitSeconds()));
        settings.put(FleetSettingKeys.RETRY_FIRST_DELAY, "5");
        settings.putAll(options.settings());
        dependencies = new FunctionDependencies(Settings.of(settings), Clock.systemUTC());
        // The shipped campaigns go into the campaign store at the first start (D46), before anything looks one up.
        dependencies.campaigns();
        fleetDependencies = new FleetDependencies(Settings.of(settings), Clock.systemUTC());

        Map<String, LocalFunction> functions = new HashMap<>();
        for (FunctionDefinition definition : topology.functions()) {
            functions.put(definition.name(), LocalFunction.create(definition, dependencies));
        }
        Map<RouteDefinition, LocalFunction> routes = new LinkedHashMap<>();
        topology.routes().forEach(route -> routes.put(route, functions.get(route.function())));
        api = remember(LocalApiGateway.start(EmulatorSettings.LOOPBACK, options.apiPort(), routes, options.gatewayLimits(),
                operators()));
        for (QueueTrigger trigger : topology.triggers()) {
            triggerFunctions.put(trigger.queue(), functions.get(trigger.function()));
            enableEventSource(trigger.queue());
        }
        scheduler = remember(new LocalScheduler(options.scheduleSpeedup()));
        for (ScheduleDefinition schedule : topology.schedules()) {
            scheduler.add(schedule, functions.get(schedule.function()));
        }
        for (int i = 1; i <= options.fleetNodes(); i++) {
            startFleetNode("local-node-" + i);
        }
    }

    /**
     * Starts polling the queue for its function again, as enabling a Lambda event source mapping does. A no-op
     * when it is already enabled.
     */
    public synchronized void enableEventSource(String queue) {
        if (pollers.containsKey(queue)) {
            return;
        }
        QueueTrigger trigger = topology.triggers().stream().filter(t -> t.queue().equals(queue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function is triggered by queue " + queue));
        pollers.put(queue, SqsEventSourcePoller.start(dependencies.sqs(), trigger, provisioned.queueUrls().get(queue),
                provisioned.queueArns().get(queue), endpoints.region(), triggerFunctions.get(queue), options.pollWaitSeconds()));
    }

    /**
     * Stops polling the queue, as disabling a Lambda event source mapping does: messages then stay on the queue,
     * where a test or an operator can look at them.
     */
    public synchronized void disableEventSource(String queue) {
        SqsEventSourcePoller poller = pollers.remove(queue);
        if (poller != null) {
            poller.close();
        }
    }

    /** Starts one more sender node (several nodes share the queues; tests use this to prove it). */
    public FleetNode startFleetNode(String nodeId) {
        FleetSettings fleetSettings = FleetSettings.from(Settings.of(fleetNodeSettings(nodeId)));
        FleetNode node = FleetNode.start(fleetSettings, fleetDependencies,
                DkimMessageSigner.fromKeyDirectory(config.tenants(), fleetSettings.dkimKeyDir(), fleetDependencies.clock()));
        fleet.add(node);
        remember(node);
        return node;
    }

    /**
     * What a sender node of this cloud runs with: endpoints, queue URLs, buckets, the local DNS and SMTP port, the DKIM
     * key folder and its id; what the boot script writes into a node's {@code fleet.env} in the cloud.
     */
    public Map<String, String> fleetNodeSettings(String nodeId) {
        Map<String, String> nodeSettings = new LinkedHashMap<>(settings);
        nodeSettings.put(FleetSettingKeys.NODE_ID, nodeId);
        return nodeSettings;
    }

    private LocalInternetSettings internetSettings() {
        LocalInternetSettings internetSettings = LocalInternetSettings.of(
                new InetSocketAddress(EmulatorSettings.LOOPBACK, options.dnsPort()), options.smtpPort(),
                MailProvider.defaultProviders(options.sinkAddressPrefix()));
        return options.mailDir().map(internetSettings::withMailRoot).orElse(internetSettings);
    }

    private void uploadConfig(FunctionDependencies admin) throws IOException {
        String bucket = provisioned.buckets().get(SystemTopology.CONFIG_BUCKET);
        for (String file : java.util.stream.Stream.concat(EngineConfig.FILES.stream(),
                java.util.stream.Stream.of(DeliveryPolicy.THROTTLES_FILE, DeliveryPolicy.WARMUP_FILE)).toList()) {
            if (!Files.isRegularFile(options.configDir().resolve(file))) {
                continue; // sources, routing and the fleet's policy files are optional
            }
            byte[] bytes = Files.readAllBytes(options.configDir().resolve(file));
            admin.s3().putObject(r -> r.bucket(bucket).key("config/" + file).contentType("application/yaml"),
                    RequestBody.fromBytes(bytes));
        }
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.push(resource);
        return resource;
    }

    public URI apiEndpoint() {
        return api.endpoint();
    }

    public CloudEndpoints cloudEndpoints() {
        return endpoints;
    }

    public LocalInternet internet() {
        return internet;
    }

    public FunctionDependencies dependencies() {
        return dependencies;
    }

    public EngineConfig config() {
        return config;
    }

    public SystemTopology topology() {
        return topology;
    }

    public ResourceNames names() {
        return names;
    }

    public ResourceProvisioner.Provisioned provisioned() {
        return provisioned;
    }

    public LocalScheduler scheduler() {
        return scheduler;
    }

    public List<FleetNode> fleet() {
        return List.copyOf(fleet);
    }

    public LocalCloudOptions options() {
        return options;
    }

    /**
     * The local operators (D42): {@code admin}, and {@code <tenant>-operator} for each tenant, each with a key made at the
     * first start in {@code operator-keys/} beside the source keys and kept.
     */
    private LocalOperators operators() {
        DirectorySourceKeys keys = new DirectorySourceKeys(operatorKeyDir());
        Map<Operator, String> byOperator = new LinkedHashMap<>();
        byOperator.put(Operator.admin(ADMIN_OPERATOR), keys.ensureKey(ADMIN_OPERATOR));
        for (String tenant : config.tenants().ids()) {
            Operator operator = LocalOperators.tenantOperator(tenant);
            byOperator.put(operator, keys.ensureKey(operator.id()));
        }
        return LocalOperators.of(byOperator);
    }

    /** Where the operators' keys are: {@code admin.key}, {@code <tenant>-operator.key}. */
    public Path operatorKeyDir() {
        return options.sourceKeyDir().resolveSibling("operator-keys");
    }

    /** An operator's key, as a client sends it to the operator routes ({@code Authorization: Bearer <key>}). */
    public String operatorKey(String operatorId) {
        return new DirectorySourceKeys(operatorKeyDir()).keysOf(operatorId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operator " + operatorId + " in " + operatorKeyDir()));
    }

    /** The first key of a source, as a tool sends it ({@code Authorization: Bearer <key>}). */
    public String sourceKey(String sourceId) {
        return new DirectorySourceKeys(options.sourceKeyDir()).keysOf(sourceId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("source " + sourceId + " has no key in " + options.sourceKeyDir()));
    }

    /** Stops everything in the reverse order of starting; safe to call twice. */
    @Override
    public synchronized void close() {
        // Each poller finishes its batch in hand; closing them side by side keeps shutdown short.
        pollers.values().parallelStream().forEach(SqsEventSourcePoller::close);
        pollers.clear();
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("stopping " + resource.getClass().getSimpleName() + " failed: " + e);
            }
        }
        closed.complete(null);
        if (Thread.currentThread() != exitHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and runs the hook (or already has): nothing to remove.
            }
        }
    }

}
