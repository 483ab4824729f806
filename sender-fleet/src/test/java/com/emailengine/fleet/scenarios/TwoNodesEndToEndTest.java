package com.emailengine.fleet.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.emulators.internet.ReceivedMail;
import com.emailengine.fleet.FleetWorld;
import com.emailengine.fleet.node.FleetNode;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two whole nodes sharing the queues, each with its home addresses, and one of them killed mid-flow.
 * Alpha's 4 IPs are on warmup day 1 (2 messages per IP to "others" today) and get more mail than that;
 * beta's 2 IPs are warm. Proves that the warmup quota holds across nodes and through the takeover (no IP
 * sends more than its quota, the shared counters never pass it, the rest waits on the queue), that the
 * killed node's IPs move to the survivor, and that nothing is lost or sent twice.
 */
@ExtendWith(SharedEmulators.class)
class TwoNodesEndToEndTest {

    @TempDir
    static Path keys;
    private static FleetWorld world;

    @BeforeAll
    static void start(LocalEmulators emulators) throws Exception {
        world = FleetWorld.start(emulators, "ftwonodes", keys);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    /** Waits until the value has not changed for 4 s. */
    private static void awaitStable(String what, java.util.function.LongSupplier value) throws InterruptedException {
        long last = -1;
        long since = System.nanoTime();
        long deadline = System.nanoTime() + FleetWorld.DEADLINE.toNanos();
        while (System.nanoTime() - since < 4_000_000_000L) {
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + FleetWorld.DEADLINE + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void quotasHoldAcrossNodesAndAKilledNodesIpsMoveToTheOtherWithNothingLostOrSentTwice() throws Exception {
        FleetNode a = world.startNode(world.nodeSettings("node-a", List.of("127.0.10.1", "127.0.10.2", "127.0.10.11")));
        FleetNode b = world.startNode(world.nodeSettings("node-b", List.of("127.0.10.3", "127.0.10.4", "127.0.10.12")));
        FleetWorld.await("each node holds its home addresses", () -> a.heldAddresses().size() == 3 && b.heldAddresses().size() == 3);
        assertThat(a.heldAddresses()).containsExactlyInAnyOrder("127.0.10.1", "127.0.10.2", "127.0.10.11");

        List<OutboundMessage> warm = new ArrayList<>();
        List<OutboundMessage> warming = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warm.add(world.send(TestTenants.BETA, "warm" + i + "@example.test"));
        }
        for (int i = 0; i < 14; i++) {
            warming.add(world.send(TestTenants.ALPHA, "quota" + i + "@example.test"));
        }
        FleetWorld.await("node-a delivered some of beta's mail", () -> warm.stream()
                .anyMatch(m -> world.receivedBy(m.recipient()).stream().anyMatch(r -> r.clientAddress().getHostAddress().equals("127.0.10.11"))));
        a.kill();
        for (int i = 20; i < 30; i++) {
            warm.add(world.send(TestTenants.BETA, "warm" + i + "@example.test"));
        }

        FleetWorld.await("node-b took node-a's addresses over", () -> b.heldAddresses().size() == 6);
        FleetWorld.await("all of beta's mail delivered", () -> warm.stream().allMatch(m -> !world.receivedBy(m.recipient()).isEmpty()));
        awaitStable("alpha's deliveries stop growing", () -> warming.stream().filter(m -> !world.receivedBy(m.recipient()).isEmpty()).count());

        for (OutboundMessage message : warm) {
            assertThat(world.receivedBy(message.recipient())).as("mail for %s", message.recipient()).hasSize(1);
        }
        Map<String, Long> alphaPerIp = warming.stream().flatMap(m -> world.receivedBy(m.recipient()).stream())
                .collect(Collectors.groupingBy(r -> r.clientAddress().getHostAddress(), Collectors.counting()));
        // node-b's own IPs used their whole quota; node-a's may have lost a reserved unit in the crash (a quota
        // can be under-used, never exceeded).
        assertThat(alphaPerIp).as("alpha's deliveries per source IP").allSatisfy((ip, count) -> assertThat(count).isLessThanOrEqualTo(2));
        assertThat(alphaPerIp).containsEntry("127.0.10.3", 2L).containsEntry("127.0.10.4", 2L);
        long delivered = alphaPerIp.values().stream().mapToLong(Long::longValue).sum();
        assertThat(warming.stream().filter(m -> world.receivedBy(m.recipient()).size() > 1)).isEmpty();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (String ip : List.of("127.0.10.1", "127.0.10.2", "127.0.10.3", "127.0.10.4")) {
            Map<String, AttributeValue> quota = world.stage().dynamoDb().getItem(r -> r.tableName(world.stage().table(SystemTopology.FLEET_STATE_TABLE))
                    .key(Map.of("ip", AttributeValue.fromS(ip), "item", AttributeValue.fromS("day#" + today + "#others")))
                    .consistentRead(true)).item();
            assertThat(Long.parseLong(quota.get("reserved").n())).as("reserved on %s", ip).isLessThanOrEqualTo(2);
        }
        // The messages over quota wait on the queue: nothing bounced, expired or lost.
        assertThat(world.onQueue(TestTenants.ALPHA)).isEqualTo(warming.size() - delivered);
        List<DeliveryEvent> alphaEvents = warming.stream().flatMap(m -> world.eventsOf(m.id()).stream()).toList();
        assertThat(alphaEvents).extracting(DeliveryEvent::outcome).containsOnly(DeliveryOutcome.DELIVERED).hasSize((int) delivered);
        assertThat(b.metrics().waits.value(TestTenants.ALPHA, "others")).isPositive();
        List<ReceivedMail> fromA = warm.stream().flatMap(m -> world.receivedBy(m.recipient()).stream())
                .filter(r -> r.clientAddress().getHostAddress().equals("127.0.10.11")).toList();
        assertThat(fromA).as("mail from node-a's warm IP, before and after the takeover").isNotEmpty();
        world.stage().drain(SystemTopology.outboundQueue(TestTenants.ALPHA));
    }
}
