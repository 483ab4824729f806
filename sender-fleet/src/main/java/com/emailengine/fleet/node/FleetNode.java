package com.emailengine.fleet.node;

import com.emailengine.adapters.cloudwatch.DeliveryMetrics;
import com.emailengine.adapters.fleetstate.SendingQuotas;
import com.emailengine.adapters.ledger.DeliveryLedger;
import com.emailengine.adapters.sqs.SqsDeliveryEventSink;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.delivery.DeliveryEventSink;
import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.warmup.BlocklistWatch;
import com.emailengine.fleet.blocklist.BlocklistMonitor;
import com.emailengine.fleet.bounces.BounceListener;
import com.emailengine.fleet.bounces.ComplaintEvents;
import com.emailengine.fleet.bounces.ComplaintVerifier;
import com.emailengine.fleet.bounces.IpComplaints;
import com.emailengine.fleet.bounces.RawBounceArchive;
import com.emailengine.fleet.delivery.OutboundDelivery;
import com.emailengine.fleet.ec2.Ec2AddressMover;
import com.emailengine.fleet.ec2.Ec2PublicAddresses;
import com.emailengine.fleet.ip.AddressMover;
import com.emailengine.fleet.ip.BindCheck;
import com.emailengine.fleet.ip.LeaseKeeper;
import com.emailengine.fleet.ip.LocalAddressMover;
import com.emailengine.fleet.ip.LocalPublicAddresses;
import com.emailengine.fleet.ip.PublicAddresses;
import com.emailengine.fleet.ip.SendingIp;
import com.emailengine.fleet.ip.SourceSelector;
import com.emailengine.fleet.metrics.CloudWatchAgentEmf;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.fleet.metrics.MetricsEndpoint;
import com.emailengine.fleet.queue.FairWindow;
import com.emailengine.fleet.queue.OutboundQueueConsumer;
import com.emailengine.fleet.signing.MessageSigner;
import com.emailengine.fleet.smtp.SmtpHandoff;
import com.emailengine.platform.runtime.Log;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xbill.DNS.Resolver;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A sender node: leases IPs, consumes every tenant's outbound queue and delivers. Start one per machine;
 * several nodes share the queues safely because every message is claimed in the ledger before it is
 * sent, and every IP is leased by one node at a time.
 */
public final class FleetNode implements AutoCloseable {

    /** An SMTP connection unused this long is closed (receivers drop idle clients after 30 s to 5 min). */
    private static final Duration IDLE_CONNECTION = Duration.ofSeconds(10);
    /** How long a sender waits for a connection slot before the message goes back to its queue. */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(5);
    /** How long a stopping node lets a heartbeat in progress finish (its writes take well under a second). */
    private static final Duration HEARTBEAT_GRACE = Duration.ofSeconds(10);

    private final List<OutboundQueueConsumer> consumers = new ArrayList<>();
    private final ExecutorService pollers = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("ee-fleet-poll-", 0).daemon().factory());
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    // Three: a blocklist round waiting on slow DNS must not hold up the lease heartbeat.
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3,
            Thread.ofPlatform().name("ee-fleet-tick-", 0).daemon().factory());
    private final String nodeId;
    private final FleetMetrics metrics = new FleetMetrics();
    private LeaseKeeper keeper;
    private OutboundDelivery delivery;
    private MetricsEndpoint endpoint;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private BounceListener bounceListener;

    private FleetNode(String nodeId) {
        this.nodeId = nodeId;
    }

    /** A node with the throttles and warmup plan read from the same configuration source as the tenants. */
    public static FleetNode start(FleetSettings settings, FleetDependencies cloud, MessageSigner signer) {
        return start(settings, cloud, signer, DeliveryPolicy.load(cloud.configSource(), cloud.config().tenants()));
    }

    public static FleetNode start(FleetSettings settings, FleetDependencies cloud, MessageSigner signer, DeliveryPolicy policy) {
        MailStreamProviderSetting.apply();
        FleetNode node = new FleetNode(settings.nodeId());
        try {
            node.boot(settings, cloud, signer, policy);
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** The node's start, as a table of contents: every step starts one part, and a failing step stops those before it. */
    private void boot(FleetSettings settings, FleetDependencies cloud, MessageSigner signer, DeliveryPolicy policy) {
        AddressMover mover = addressMover(settings, cloud);
        startLeases(settings, cloud, policy, mover);
        // One resolver for MX lookups and blocklist checks: EE_DNS_RESOLVER (the VPC resolver on EC2).
        Resolver dns = DnsResolvers.fromSetting(settings.dnsResolver(), Duration.ofSeconds(5));
        startBlocklistChecks(policy, mover, dns);
        DeliveryLedger ledger = new DeliveryLedger(cloud.dynamoDb(), cloud.names().table(SystemTopology.MESSAGES_TABLE));
        DeliveryEventSink events = new SqsDeliveryEventSink(cloud.sqs(), cloud.queueUrls().url(SystemTopology.EVENTS_QUEUE));
        delivery = new OutboundDelivery(cloud.config(), policy, new OutboundDelivery.Stages(new MailRouteResolver(dns, cloud.clock()),
                new SourceSelector(keeper, cloud.clock(), BUSY_WAIT), ledger, new MimeComposer(cloud.clock()), signer,
                new SmtpHandoff(), events), new OutboundDelivery.Terms(settings.nodeId(), settings.lease(), settings.retry()),
                metrics, cloud.clock());
        startConsumers(settings, cloud);
        startMetricsEndpoint(settings);
        startBounceListener(settings, cloud, policy, ledger, events);
        Log.info("fleet", "node " + settings.nodeId() + " consuming " + consumers.size() + " outbound queues, holding "
                + keeper.held().size() + " IPs, providers " + policy.throttles().providerNames());
    }

    /** On EC2 (the boot script names the node's interfaces) addresses move between nodes; locally they never do. */
    private AddressMover addressMover(FleetSettings settings, FleetDependencies cloud) {
        AddressMover mover = settings.interfaces().<AddressMover>map(layout -> Ec2AddressMover.create(cloud.settings(), layout))
                .orElseGet(() -> new LocalAddressMover(BindCheck.SOCKET));
        if (mover instanceof AutoCloseable closeable) {
            extras.add(closeable);
        }
        return mover;
    }

    /** Takes the leases now, then renews them (and writes the traffic counts) every third of the lease time. */
    private void startLeases(FleetSettings settings, FleetDependencies cloud, DeliveryPolicy policy, AddressMover mover) {
        keeper = LeaseKeeper.create(cloud.dynamoDb(), cloud.names().table(SystemTopology.FLEET_STATE_TABLE),
                cloud.config().tenants(), policy, settings.leases(), metrics, cloud.clock(), scheduler, mover, BindCheck.SOCKET);
        keeper.tick();
        long heartbeat = Math.max(1000, settings.ipLease().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(keeper::tick, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> keeper.closeIdleConnections(IDLE_CONNECTION), 2, 2, TimeUnit.SECONDS);
    }

    /** Asks the DNS blocklists about the leased IPs' public addresses at the plan's interval (D34), when it names lists. */
    private void startBlocklistChecks(DeliveryPolicy policy, AddressMover mover, Resolver dns) {
        BlocklistWatch blocklists = policy.warmup().blocklists();
        if (!blocklists.watchesAny()) {
            return;
        }
        PublicAddresses publicAddresses = mover instanceof Ec2AddressMover ec2 ? new Ec2PublicAddresses(ec2.elasticIps())
                : new LocalPublicAddresses();
        BlocklistMonitor monitor = new BlocklistMonitor(keeper::leased, blocklists, dns, publicAddresses, metrics);
        scheduler.scheduleWithFixedDelay(monitor::check, 0, blocklists.checkEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One long-polling consumer per tenant's outbound queue, sharing the in-flight window fairly; queue gauges. */
    private void startConsumers(FleetSettings settings, FleetDependencies cloud) {
        List<String> queueNames = cloud.config().tenants().ids().stream().map(SystemTopology::outboundQueue).toList();
        FairWindow window = new FairWindow(settings.maxInFlight(), queueNames);
        Map<String, String> urls = new LinkedHashMap<>();
        for (Tenant tenant : cloud.config().tenants().all()) {
            String queue = SystemTopology.outboundQueue(tenant.id());
            String url = cloud.queueUrls().url(queue);
            urls.put(queue, url);
            OutboundQueueConsumer consumer = new OutboundQueueConsumer(cloud.sqs(), queue, url, delivery, window,
                    () -> !keeper.usable(tenant.id(), cloud.clock().instant()).isEmpty(), workers, settings.receiveWaitSeconds(),
                    // A message a dead node received comes back once its claim has run out, not after the queue's 5 minutes.
                    settings.lease().multipliedBy(2));
            consumers.add(consumer);
            pollers.submit(consumer);
        }
        scheduler.scheduleWithFixedDelay(() -> urls.forEach((queue, url) -> {
            try {
                Map<QueueAttributeName, String> attributes = cloud.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                metrics.queueDepth.set(Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)), queue);
            } catch (RuntimeException e) {
                // The depth is only a gauge; the next poll tries again.
            }
            metrics.inFlight.set(window.held(queue), queue.substring(SystemTopology.OUTBOUND_QUEUE_PREFIX.length()));
        }), 0, 15, TimeUnit.SECONDS);
    }

    private void startMetricsEndpoint(FleetSettings settings) {
        if (settings.metricsAddress().isEmpty()) {
            return;
        }
        try {
            endpoint = MetricsEndpoint.start(settings.metricsAddress().get(), metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics endpoint cannot listen on " + settings.metricsAddress().get(), e);
        }
    }

    /**
     * The return-path MX (D25): stores DSNs and ARF reports raw and announces them; a complaint is counted at once for
     * the tenant, the IP it names and, when it names our message, its contact (D28).
     */
    private void startBounceListener(FleetSettings settings, FleetDependencies cloud, DeliveryPolicy policy,
                                     DeliveryLedger ledger, DeliveryEventSink events) {
        if (settings.bounceAddress().isEmpty()) {
            return;
        }
        // Tenants keep their own return-path domains (a shared one could not say whose complaint a report is).
        Map<String, String> tenantByDomain = cloud.config().tenants().all().stream().collect(Collectors.toMap(
                tenant -> tenant.returnPathDomain().toLowerCase(Locale.ROOT), Tenant::id, (first, second) -> first));
        IpComplaints ipComplaints = new IpComplaints(new SendingQuotas(cloud.dynamoDb(),
                cloud.names().table(SystemTopology.FLEET_STATE_TABLE)), policy, cloud.config().tenants(), cloud.clock());
        Optional<CloudWatchAgentEmf> agent = CloudWatchAgentEmf.fromSettings(cloud.settings());
        agent.ifPresent(extras::add);
        Optional<DeliveryMetrics> cloudMetrics = agent.map(a -> new DeliveryMetrics(cloud.names().stage(), a, cloud.clock(),
                a.logGroup()));
        ComplaintVerifier verifier = new ComplaintVerifier(ledger);
        ComplaintEvents complaintEvents = new ComplaintEvents(events, cloud.clock());
        // Only a complaint about mail we really sent is applied (D40); any other stays in the archive for review.
        BounceListener.Complaints complaints = complaint -> {
            ComplaintVerifier.Verdict verdict = verifier.verify(complaint);
            verdict.delivery().ifPresentOrElse(sent -> {
                ipComplaints.count(sent.sourceIp(), complaint.reporter());
                complaintEvents.publish(sent, complaint);
                cloudMetrics.ifPresent(m -> m.countComplaint(complaint.tenantId(), complaint.report()));
                metrics.complaints.inc("applied");
            }, () -> {
                String why = verdict.reason().orElseThrow().name().toLowerCase(Locale.ROOT);
                metrics.complaints.inc(why);
                Log.warn("fleet", "complaint " + complaint.report() + " for " + complaint.tenantId() + " kept for review, not applied: "
                        + why);
            });
        };
        RawBounceArchive archive = new RawBounceArchive(cloud.s3(),
                cloud.settings().require(ResourceNames.bucketSetting(SystemTopology.RAW_BOUNCES_BUCKET)), cloud.sqs(),
                cloud.queueUrls().url(SystemTopology.INBOUND_BOUNCES_QUEUE));
        try {
            bounceListener = BounceListener.start(settings.bounceAddress().get(), tenantByDomain, complaints, archive, metrics,
                    cloud.clock(), cloud.config().tenants().all().getFirst().returnPathMx());
            extras.add(bounceListener);
        } catch (IOException e) {
            throw new UncheckedIOException("bounce listener cannot listen on " + settings.bounceAddress().get(), e);
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public FleetMetrics metrics() {
        return metrics;
    }

    /** The IPs this node holds the lease of now. */
    public List<String> heldAddresses() {
        return keeper == null ? List.of() : keeper.held();
    }

    public Optional<MetricsEndpoint> metricsEndpoint() {
        return Optional.ofNullable(endpoint);
    }

    public Optional<BounceListener> bounceListener() {
        return Optional.ofNullable(bounceListener);
    }

    /** Runs another resource for as long as the node runs (the bounce listener), closing it with the node. */
    public void attach(AutoCloseable resource) {
        extras.add(resource);
    }

    /**
     * Stops taking messages and waits for those in flight to finish, then writes the traffic counts and gives
     * the IP leases up, so other nodes take the IPs at once. The pollers go first: one may be in a long poll
     * that still returns messages, and those must find the workers running, or they would stay invisible on
     * the queue for a whole visibility timeout.
     */
    @Override
    public void close() {
        consumers.forEach(OutboundQueueConsumer::stop);
        pollers.shutdown();
        // Clear an interrupt of the closing thread for the duration: the counts and leases are written over HTTP, which
        // an interrupted thread cannot do (the SDK aborts), and a restart would then undercount the day's quota.
        boolean interrupted = Thread.interrupted();
        try {
            await(pollers, Duration.ofSeconds(30));
            workers.shutdown();
            if (!await(workers, Duration.ofSeconds(30))) {
                workers.shutdownNow();
            }
            // A heartbeat in progress finishes its writes; one stuck on slow DNS (a blocklist round) is cut off.
            scheduler.shutdown();
            if (!await(scheduler, HEARTBEAT_GRACE)) {
                scheduler.shutdownNow();
            }
            if (keeper != null) {
                keeper.releaseAll();
            }
            closeExtras();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the executor to finish; a second interrupt while waiting gives up waiting, not the close. */
    private static boolean await(ExecutorService executor, Duration atMost) {
        try {
            return executor.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Stops the node as a crash would, for tests of takeover: no more polling, heartbeats or traffic counts,
     * leases left to run out, messages in flight stopped after their claim and left to the claim's lease and
     * the visibility timeout. (No thread is interrupted in the middle of a call to the cloud: the local
     * DynamoDB emulator does not survive requests cut off halfway.)
     */
    public void kill() {
        if (delivery != null) {
            delivery.halt();
        }
        consumers.forEach(OutboundQueueConsumer::stop);
        scheduler.shutdown();
        pollers.shutdown();
        workers.shutdown();
        if (keeper != null) {
            keeper.all().forEach(SendingIp::closeConnections);
        }
        closeExtras();
    }

    private void closeExtras() {
        if (endpoint != null) {
            endpoint.close();
        }
        for (AutoCloseable extra : extras) {
            try {
                extra.close();
            } catch (Exception e) {
                Log.warn("fleet", "closing " + extra + " failed: " + e);
            }
        }
    }
}
