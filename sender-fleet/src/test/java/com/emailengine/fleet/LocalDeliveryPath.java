package com.emailengine.fleet;

import com.emailengine.adapters.ledger.DeliveryLedger;
import com.emailengine.adapters.sqs.SqsDeliveryEventSink;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.core.dkim.DkimVerifier;
import com.emailengine.core.dns.DnsDkimKeyLookup;
import com.emailengine.core.dns.DnsRecord;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.dns.MailRouteResolver;
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
import com.emailengine.fleet.delivery.OutboundDelivery;
import com.emailengine.fleet.ip.LeaseKeeper;
import com.emailengine.fleet.ip.SourceSelector;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.fleet.node.FleetSettings;
import com.emailengine.fleet.signing.DkimMessageSigner;
import com.emailengine.fleet.smtp.SmtpHandoff;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The fleet's delivery path wired to real peers: a stage on the shared emulators (ledger table, events
 * queue), a local internet on 127.0.4.x (DNS on 127.0.4.53, sinks for gmail, outlook, yahoo and example
 * on 127.0.4.1-4) in which the test tenants' sending domains publish their DKIM, SPF and DMARC records,
 * and a zone {@code faults.test} for the DNS cases: {@code nullmx.faults.test} publishes a null MX,
 * {@code nosuch.faults.test} does not exist, {@code slow.faults.test} never answers, and
 * {@code backup.faults.test} prefers an MX nothing listens on over the example sink.
 */
public final class LocalDeliveryPath implements AutoCloseable {

    public static final String NULL_MX_DOMAIN = "nullmx.faults.test";
    public static final String NXDOMAIN_DOMAIN = "nosuch.faults.test";
    public static final String SLOW_DOMAIN = "slow.faults.test";
    /** MX 10 points at an address nothing listens on, MX 20 at the example sink. */
    public static final String BACKUP_MX_DOMAIN = "backup.faults.test";
    /** Fast enough for every test that expects an answer; a timeout takes this long. */
    static final Duration DNS_TIMEOUT = Duration.ofSeconds(2);
    public static final RetrySchedule RETRY = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofDays(3));

    private final EngineConfig config;
    private final EmulatedStage stage;
    private final LocalInternet internet;
    private final Path keyDirectory;
    private final DkimMessageSigner signer;
    private final DeliveryLedger ledger;
    private final List<DeliveryEvent> eventsSeen = new ArrayList<>();
    private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1);
    private final DeliveryPolicy policy;
    private final FleetMetrics metrics = new FleetMetrics();

    private LocalDeliveryPath(EngineConfig config, EmulatedStage stage, LocalInternet internet, Path keyDirectory) {
        this.config = config;
        this.stage = stage;
        this.internet = internet;
        this.keyDirectory = keyDirectory;
        LocalSendingDomains.publish(config, keyDirectory, internet.zone());
        internet.zone().addZone("faults.test");
        internet.zone().add(new DnsRecord(NULL_MX_DOMAIN, DnsRecord.Type.MX, 60, "0 ."));
        internet.zone().add(new DnsRecord("faults.test", DnsRecord.Type.A, 60, "127.0.4.99"));
        internet.zone().simulateTimeout(SLOW_DOMAIN);
        internet.zone().addAll(List.of(
                new DnsRecord(BACKUP_MX_DOMAIN, DnsRecord.Type.MX, 60, "10 dead.faults.test."),
                new DnsRecord(BACKUP_MX_DOMAIN, DnsRecord.Type.MX, 60, "20 mx1.example.test."),
                new DnsRecord("dead.faults.test", DnsRecord.Type.A, 60, "127.0.4.77")));
        this.signer = DkimMessageSigner.fromKeyDirectory(config.tenants(), keyDirectory, Clock.systemUTC());
        this.ledger = new DeliveryLedger(stage.dynamoDb(), stage.table(SystemTopology.MESSAGES_TABLE));
        this.policy = DeliveryPolicy.load(new DirectoryConfigSource(TestTenants.configDir()), config.tenants());
    }

    public static LocalDeliveryPath start(LocalEmulators emulators, String stageName, Path keyDirectory) throws IOException {
        EmulatedStage stage = EmulatedStage.provision(emulators, stageName);
        try {
            LocalInternet internet = LocalInternet.start(LocalInternetSettings.of(new InetSocketAddress("127.0.4.53", 0), 0,
                    MailProvider.defaultProviders("127.0.4")));
            return new LocalDeliveryPath(TestTenants.config(), stage, internet, keyDirectory);
        } catch (IOException | RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    /**
     * The delivery path of one node, as {@code FleetNode} builds it, with short retries and DNS timeouts: it
     * leases every address of the test pools (heartbeats run until {@link #close}).
     */
    public OutboundDelivery delivery(String node, Duration lease) {
        FleetSettings settings = new FleetSettings(node, dnsResolverSetting(), internet.smtpPort(), Duration.ofSeconds(20), 8, 1,
                lease, RETRY, keyDirectory);
        LeaseKeeper keeper = LeaseKeeper.create(stage.dynamoDb(), stage.table(SystemTopology.FLEET_STATE_TABLE), config.tenants(),
                policy, settings.leases(), metrics, Clock.systemUTC(), heartbeats);
        keeper.tick();
        heartbeats.scheduleWithFixedDelay(keeper::tick, 5, 5, TimeUnit.SECONDS);
        return new OutboundDelivery(config, policy, new OutboundDelivery.Stages(
                new MailRouteResolver(DnsResolvers.fromSetting(dnsResolverSetting(), DNS_TIMEOUT), Clock.systemUTC()),
                new SourceSelector(keeper, Clock.systemUTC(), Duration.ofSeconds(5)), ledger, new MimeComposer(Clock.systemUTC()),
                signer, new SmtpHandoff(), new SqsDeliveryEventSink(stage.sqs(), stage.queueUrl(SystemTopology.EVENTS_QUEUE))),
                new OutboundDelivery.Terms(node, lease, RETRY), metrics, Clock.systemUTC());
    }

    FleetMetrics metrics() {
        return metrics;
    }

    /** A rendered message for the tenant with a fresh id, created now. */
    public OutboundMessage message(String tenantId, String recipient) {
        return message(tenantId, recipient, Instant.now());
    }

    public OutboundMessage message(String tenantId, String recipient, Instant createdAt) {
        Tenant tenant = tenant(tenantId);
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        return new OutboundMessage(id, tenantId, TestTenants.WELCOME, 0, "contact-" + id, recipient, tenant.fromAddress(),
                tenant.fromName(), "b+" + id + "@" + tenant.returnPathDomain(), "Bienvenue, " + recipient,
                "<p>Bonjour « " + recipient + " »</p>", "Bonjour « " + recipient + " »", "fr", createdAt);
    }

    /** Every event published for the message so far, in publishing order (drains the events queue). */
    public synchronized List<DeliveryEvent> eventsOf(String messageId) {
        stage.drain(SystemTopology.EVENTS_QUEUE).forEach(body -> eventsSeen.add(Json.read(body, DeliveryEvent.class)));
        return eventsSeen.stream().filter(e -> e.messageId().equals(messageId)).toList();
    }

    /** What every sink has accepted for this recipient. */
    public List<ReceivedMail> receivedBy(String recipient) {
        return internet.sinks().stream().flatMap(sink -> sink.received().stream())
                .filter(mail -> mail.recipients().contains(recipient)).toList();
    }

    public DkimVerifier dkimVerifier() {
        return new DkimVerifier(new DnsDkimKeyLookup(DnsResolvers.fromSetting(dnsResolverSetting(), DNS_TIMEOUT)), Clock.systemUTC());
    }

    public String dnsResolverSetting() {
        InetSocketAddress dns = internet.dnsAddress();
        return dns.getHostString() + ":" + dns.getPort();
    }

    public Tenant tenant(String id) {
        return config.tenants().get(id);
    }

    public SmtpSink sink(String provider) {
        return internet.sink(provider);
    }

    /** Every sink back to accepting everything. */
    public void healSinks() {
        internet.sinks().forEach(sink -> sink.useBehaviour(SinkBehaviour.acceptAll()));
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

    public DeliveryLedger ledger() {
        return ledger;
    }

    public DkimMessageSigner signer() {
        return signer;
    }

    Path keyDirectory() {
        return keyDirectory;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        internet.close();
        stage.close();
    }
}
