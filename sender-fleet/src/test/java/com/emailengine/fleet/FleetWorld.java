package com.emailengine.fleet;

import com.emailengine.adapters.sqs.SqsOutboundQueue;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.json.Json;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.emulators.internet.LocalInternet;
import com.emailengine.emulators.internet.LocalInternetSettings;
import com.emailengine.emulators.internet.LocalSendingDomains;
import com.emailengine.emulators.internet.MailProvider;
import com.emailengine.emulators.internet.ReceivedMail;
import com.emailengine.emulators.internet.SinkBehaviour;
import com.emailengine.emulators.internet.SmtpSink;
import com.emailengine.fleet.node.FleetDependencies;
import com.emailengine.fleet.node.FleetNode;
import com.emailengine.fleet.node.FleetSettings;
import com.emailengine.fleet.signing.DkimMessageSigner;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The world of the fleet acceptance tests: a stage on the shared emulators, the fleet configuration of
 * {@code src/test/resources/fleet-config} (alpha: 4 warming IPs 127.0.10.1-4; beta: 2 warm IPs 127.0.10.11-12;
 * throttles with short backoffs; a first warmup day of 2 messages per IP and provider group), a local internet
 * on 127.0.9.x (DNS 127.0.9.53, sinks gmail .1, outlook .2, yahoo .3, example .4) publishing the tenants' DKIM
 * keys, and whole {@link FleetNode}s started on demand. Messages go in through the real outbound queues.
 */
public final class FleetWorld implements AutoCloseable {

    public static final Duration DEADLINE = Duration.ofSeconds(120);

    private final EmulatedStage stage;
    private final LocalInternet internet;
    private final EngineConfig config;
    private final DeliveryPolicy policy;
    private final Path keys;
    private final DkimMessageSigner signer;
    private final SqsOutboundQueue outbound;
    private final Map<String, String> settings;
    private final List<FleetNode> nodes = new ArrayList<>();
    private final List<DeliveryEvent> events = new ArrayList<>();

    private FleetWorld(EmulatedStage stage, LocalInternet internet, Path keys) {
        this.stage = stage;
        this.internet = internet;
        this.keys = keys;
        this.settings = stage.settingsMap();
        settings.put(Settings.CONFIG_DIR, configDir().toString());
        this.config = EngineConfig.load(new DirectoryConfigSource(configDir()));
        this.policy = DeliveryPolicy.load(new DirectoryConfigSource(configDir()), config.tenants());
        LocalSendingDomains.publish(config, keys, internet.zone());
        this.signer = DkimMessageSigner.fromKeyDirectory(config.tenants(), keys, Clock.systemUTC());
        this.outbound = new SqsOutboundQueue(stage.sqs(), tenant -> stage.queueUrl(SystemTopology.outboundQueue(tenant)));
    }

    public static FleetWorld start(LocalEmulators emulators, String stageName, Path keys) throws IOException {
        EmulatedStage stage = EmulatedStage.provision(emulators, stageName);
        try {
            LocalInternet internet = LocalInternet.start(LocalInternetSettings.of(new InetSocketAddress("127.0.9.53", 0), 0,
                    MailProvider.defaultProviders("127.0.9")));
            return new FleetWorld(stage, internet, keys);
        } catch (IOException | RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    public static Path configDir() {
        try {
            return Path.of(FleetWorld.class.getResource("/fleet-config").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings of a node: short claims (10 s), 6-second IP leases, 1-second first retry. */
    public FleetSettings nodeSettings(String nodeId, List<String> home) {
        InetSocketAddress dns = internet.dnsAddress();
        return new FleetSettings(nodeId, dns.getHostString() + ":" + dns.getPort(), internet.smtpPort(), Duration.ofSeconds(20), 16, 1,
                Duration.ofSeconds(10), LocalDeliveryPath.RETRY, keys).withAddresses(home).withIpLease(Duration.ofSeconds(6));
    }

    public FleetNode startNode(FleetSettings nodeSettings) {
        return startNode(nodeSettings, Clock.systemUTC());
    }

    /** A node whose idea of time is {@code clock} (leases, quotas' days, warmup reviews, DKIM t=). */
    public FleetNode startNode(FleetSettings nodeSettings, Clock clock) {
        return startNode(nodeSettings, clock, policy);
    }

    /** A node with its own throttles and warmup plan instead of those of {@code fleet-config}. */
    public FleetNode startNode(FleetSettings nodeSettings, DeliveryPolicy nodePolicy) {
        return startNode(nodeSettings, Clock.systemUTC(), nodePolicy);
    }

    private FleetNode startNode(FleetSettings nodeSettings, Clock clock, DeliveryPolicy nodePolicy) {
        FleetNode node = FleetNode.start(nodeSettings, new FleetDependencies(Settings.of(settings), clock), signer, nodePolicy);
        nodes.add(node);
        return node;
    }

    FleetDependencies dependencies() {
        return new FleetDependencies(Settings.of(settings), Clock.systemUTC());
    }

    public Map<String, String> settings() {
        return settings;
    }

    /** A rendered message with a fresh id, queued on its tenant's outbound queue. */
    public OutboundMessage send(String tenantId, String recipient) {
        Tenant tenant = config.tenants().get(tenantId);
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        OutboundMessage message = new OutboundMessage(id, tenantId, TestTenants.WELCOME, 0, "contact-" + id, recipient,
                tenant.fromAddress(), tenant.fromName(), "b+" + id + "@" + tenant.returnPathDomain(), "Hello " + recipient,
                "<p>Hello « " + recipient + " »</p>", "Hello « " + recipient + " »", "en", Instant.now());
        outbound.enqueue(message);
        return message;
    }

    /** Every event published so far (drains the events queue into memory). */
    public synchronized List<DeliveryEvent> events() {
        stage.drain(SystemTopology.EVENTS_QUEUE).forEach(body -> events.add(Json.read(body, DeliveryEvent.class)));
        return List.copyOf(events);
    }

    public List<DeliveryEvent> eventsOf(String messageId) {
        return events().stream().filter(e -> e.messageId().equals(messageId)).toList();
    }

    public List<ReceivedMail> receivedBy(String recipient) {
        return internet.sinks().stream().flatMap(sink -> sink.received().stream())
                .filter(mail -> mail.recipients().contains(recipient)).toList();
    }

    public SmtpSink sink(String provider) {
        return internet.sink(provider);
    }

    public LocalInternet internet() {
        return internet;
    }

    public EmulatedStage stage() {
        return stage;
    }

    EngineConfig config() {
        return config;
    }

    public DeliveryPolicy policy() {
        return policy;
    }

    public int onQueue(String tenantId) {
        return stage.messagesOn(SystemTopology.outboundQueue(tenantId));
    }

    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    /** Closes every node started so far (they give their leases up) and heals the sinks. */
    public void stopNodes() {
        nodes.forEach(FleetNode::close);
        nodes.clear();
        internet.sinks().forEach(sink -> sink.useBehaviour(SinkBehaviour.acceptAll()));
        internet.sinks().forEach(sink -> sink.offerStartTls(java.util.Optional.empty()));
    }

    @Override
    public void close() {
        nodes.forEach(FleetNode::close);
        internet.sinks().forEach(sink -> sink.useBehaviour(SinkBehaviour.acceptAll()));
        internet.close();
        stage.close();
    }
}
