package com.emailengine.fleet;

import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.functions.runtime.Log;
import com.emailengine.functions.topology.SystemTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A sender node: consumes every tenant's outbound queue and delivers. Start one per machine; several
 * nodes share the queues safely because every message is claimed in the ledger before it is sent.
 */
public final class FleetNode implements AutoCloseable {

    private final List<OutboundQueueConsumer> consumers = new ArrayList<>();
    private final ExecutorService pollers = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("ee-fleet-poll-", 0).daemon().factory());
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final String nodeId;

    private FleetNode(String nodeId) {
        this.nodeId = nodeId;
    }

    public static FleetNode start(FleetSettings settings, FunctionDependencies cloud, MessageSigner signer) {
        FleetNode node = new FleetNode(settings.nodeId());
        OutboundDelivery delivery = new OutboundDelivery(cloud.config(),
                new DeliveryLedger(cloud.dynamoDb(), cloud.names().table(SystemTopology.MESSAGES_TABLE)),
                new MimeComposer(cloud.clock()), signer, new SourceAddressPicker(),
                new MailRouteResolver(DnsResolvers.fromSetting(settings.dnsResolver(), Duration.ofSeconds(5)), cloud.clock()),
                new SmtpHandoff(settings.smtpPort(), settings.smtpTimeout()),
                new SqsDeliveryEventSink(cloud.sqs(), cloud.queueUrls().url(SystemTopology.EVENTS_QUEUE)),
                settings.retry(), settings.nodeId(), settings.lease(), cloud.clock());
        Semaphore window = new Semaphore(settings.maxInFlight());
        for (Tenant tenant : cloud.config().tenants().all()) {
            String url = cloud.queueUrls().url(SystemTopology.outboundQueue(tenant.id()));
            OutboundQueueConsumer consumer = new OutboundQueueConsumer(cloud.sqs(), url, delivery, window, node.workers,
                    settings.receiveWaitSeconds());
            node.consumers.add(consumer);
            node.pollers.submit(consumer);
        }
        Log.info("fleet", "node " + settings.nodeId() + " consuming " + node.consumers.size() + " outbound queues");
        return node;
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Stops taking messages and waits for those in flight to finish. The pollers go first: one may be in
     * a long poll that still returns messages, and those must find the workers running, or they would stay
     * invisible on the queue for a whole visibility timeout.
     */
    @Override
    public void close() {
        consumers.forEach(OutboundQueueConsumer::stop);
        pollers.shutdown();
        try {
            pollers.awaitTermination(30, TimeUnit.SECONDS);
            workers.shutdown();
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
