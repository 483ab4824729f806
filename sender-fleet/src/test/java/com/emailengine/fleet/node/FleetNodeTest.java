package com.emailengine.fleet.node;

import static org.assertj.core.api.Assertions.assertThat;
import com.emailengine.adapters.fleetstate.SendingQuotas;
import com.emailengine.adapters.sqs.SqsOutboundQueue;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.emulators.internet.SinkBehaviour;
import com.emailengine.fleet.LocalDeliveryPath;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole sender nodes ({@link FleetNode}: queue consumers, in-flight window, delivery) on the stage's
 * outbound queues, delivering to the local internet. Messages go in through the real
 * {@link SqsOutboundQueue}; what counts is what the sinks received and what the events queue says.
 */
@ExtendWith(SharedEmulators.class)
class FleetNodeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    static Path keys;
    private static LocalDeliveryPath path;
    private static SqsOutboundQueue outbound;
    private final List<FleetNode> nodes = new ArrayList<>();

    @BeforeAll
    static void start(LocalEmulators emulators) throws IOException {
        path = LocalDeliveryPath.start(emulators, "fleetnode", keys);
        outbound = new SqsOutboundQueue(path.stage().sqs(),
                tenant -> path.stage().queueUrl(SystemTopology.outboundQueue(tenant)));
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(FleetNode::close);
        path.healSinks();
    }

    @AfterAll
    static void stop() {
        path.close();
    }

    @Test
    void twoNodesOnTheSameQueuesDeliverEveryMessageExactlyOnceAndReportItOnce() throws Exception {
        List<OutboundMessage> messages = new ArrayList<>();
        String[] domains = {"gmail.test", "outlook.test", "yahoo.test", "example.test"};
        for (int i = 0; i < 24; i++) {
            String tenant = i % 3 == 2 ? TestTenants.BETA : TestTenants.ALPHA;
            messages.add(path.message(tenant, "shared" + i + "@" + domains[i % domains.length]));
        }
        List<OutboundMessage> queuedTwice = messages.subList(0, 4);
        messages.forEach(outbound::enqueue);
        queuedTwice.forEach(outbound::enqueue);

        startNode("node-a");
        startNode("node-b");
        awaitTrue("every message delivered and the outbound queues empty", () ->
                messages.stream().allMatch(m -> !path.receivedBy(m.recipient()).isEmpty()) && outboundQueuesEmpty());
        stopNodes();

        for (OutboundMessage message : messages) {
            assertThat(path.receivedBy(message.recipient())).as("mail for %s", message.recipient()).hasSize(1);
            List<DeliveryEvent> delivered = path.eventsOf(message.id()).stream()
                    .filter(e -> e.outcome() == DeliveryOutcome.DELIVERED).toList();
            assertThat(delivered).extracting(DeliveryEvent::eventId).as("delivered events of %s", message.recipient())
                    .containsOnly(message.id() + ":1:delivered");
            if (!queuedTwice.contains(message)) {
                assertThat(delivered).as("delivered events of %s, queued once", message.recipient()).hasSize(1);
            }
        }
    }

    @Test
    void aDeferredMessageComesBackAfterTheRetryDelayAndIsDelivered() throws Exception {
        path.sink("example").useBehaviour(SinkBehaviour.rejectConnections(1, SinkBehaviour.TRY_LATER));
        OutboundMessage message = path.message(TestTenants.ALPHA, "retry@example.test");
        outbound.enqueue(message);

        startNode("node-c");
        awaitTrue("the retried message delivered", () -> !path.receivedBy(message.recipient()).isEmpty()
                && path.eventsOf(message.id()).size() == 2);

        assertThat(path.receivedBy(message.recipient())).hasSize(1);
        assertThat(path.eventsOf(message.id())).extracting(DeliveryEvent::outcome)
                .containsExactly(DeliveryOutcome.DEFERRED, DeliveryOutcome.DELIVERED);
    }

    @Test
    void closingANodeLeavesNoMessageStrandedInFlight() throws Exception {
        FleetNode node = startNode("node-d", 3);
        Thread.sleep(300); // lets the poller enter its long poll on the empty queue
        Thread closing = Thread.ofPlatform().start(node::close);
        Thread.sleep(300); // lets close() begin while the poller still waits
        OutboundMessage message = path.message(TestTenants.BETA, "closing@gmail.test");
        outbound.enqueue(message);
        closing.join(Duration.ofSeconds(60));

        String queue = SystemTopology.outboundQueue(TestTenants.BETA);
        boolean delivered = path.receivedBy(message.recipient()).size() == 1;
        boolean backOnTheQueue = visible(queue) == 1 && path.stage().messagesOn(queue) == 1;
        assertThat(delivered || backOnTheQueue)
                .as("delivered=%s, visible=%d, in flight=%d", delivered, visible(queue), path.stage().messagesOn(queue) - visible(queue))
                .isTrue();
        path.stage().drain(queue);
    }

    @Test
    void aStoppingNodeWritesTheTrafficCountsItHeldEvenFromAnInterruptedThread() throws Exception {
        // A lease of 5 minutes: the heartbeat that writes the counts comes every 100 s, so they are still pending here.
        FleetSettings settings = new FleetSettings("node-e", path.dnsResolverSetting(), path.internet().smtpPort(),
                Duration.ofSeconds(20), 8, 1, Duration.ofSeconds(10), LocalDeliveryPath.RETRY, keys, List.of(),
                Duration.ofMinutes(5), true, Optional.empty(), Optional.empty(), Optional.empty());
        FleetNode node = FleetNode.start(settings, new FleetDependencies(path.stage().settings(), Clock.systemUTC()),
                path.signer());
        nodes.add(node);
        long before = deliveredToday();
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(path.message(TestTenants.ALPHA, "counted" + i + "@gmail.test"));
        }
        messages.forEach(outbound::enqueue);
        awaitTrue("every message delivered", () -> messages.stream().allMatch(m -> path.eventsOf(m.id()).stream()
                .anyMatch(e -> e.outcome() == DeliveryOutcome.DELIVERED)));
        assertThat(deliveredToday()).as("counts still pending in the node").isEqualTo(before);

        // Stopped as a SIGTERM stops it: from a thread that may be interrupted (a shutdown hook, a test runner).
        Thread closing = Thread.ofPlatform().unstarted(() -> {
            Thread.currentThread().interrupt();
            node.close();
        });
        closing.start();
        closing.join(Duration.ofSeconds(60));

        assertThat(deliveredToday()).as("delivered counted in the fleet-state table").isEqualTo(before + messages.size());
    }

    /** Every message the stage's pool addresses delivered today, as the fleet-state table records it. */
    private static long deliveredToday() {
        SendingQuotas quotas = new SendingQuotas(path.stage().dynamoDb(), path.stage().table(SystemTopology.FLEET_STATE_TABLE));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return TestTenants.config().tenants().all().stream().flatMap(t -> t.pool().addresses().stream())
                .mapToLong(address -> quotas.dayStats(address.ip(), today).delivered()).sum();
    }

    private FleetNode startNode(String nodeId) {
        return startNode(nodeId, 1);
    }

    private FleetNode startNode(String nodeId, int receiveWaitSeconds) {
        FleetSettings settings = new FleetSettings(nodeId, path.dnsResolverSetting(), path.internet().smtpPort(),
                Duration.ofSeconds(20), 8, receiveWaitSeconds, Duration.ofSeconds(10), LocalDeliveryPath.RETRY, keys);
        FleetNode node = FleetNode.start(settings, new FleetDependencies(path.stage().settings(), Clock.systemUTC()),
                path.signer());
        nodes.add(node);
        return node;
    }

    private static boolean outboundQueuesEmpty() {
        return TestTenants.IDS.stream().allMatch(t -> path.stage().messagesOn(SystemTopology.outboundQueue(t)) == 0);
    }

    private static int visible(String queue) {
        return Integer.parseInt(path.stage().sqs().getQueueAttributes(r -> r.queueUrl(path.stage().queueUrl(queue))
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
