package com.emailengine.fleet.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.adapters.fleetstate.WarmupRecords;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.dns.DnsRecord;
import com.emailengine.core.warmup.BlocklistWatch;
import com.emailengine.core.warmup.WarmupPlan;
import com.emailengine.core.warmup.WarmupProgress;
import com.emailengine.core.warmup.WarmupStatus;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.fleet.FleetWorld;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.fleet.node.FleetNode;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that watches two DNS blocklists served by the local internet's DNS server: {@code bl.test} lists
 * 127.0.10.1 (RFC 5782 return code 127.0.0.2), {@code refusing.test} answers 127.255.255.254 for 127.0.10.2 the
 * way Spamhaus answers a query that came through a public resolver, and neither knows any other address. One round
 * of checks pauses exactly the listed IP, in the shared warmup record, and the node then sends from the others only.
 */
@ExtendWith(SharedEmulators.class)
class BlocklistMonitorTest {

    private static final String LISTED = "127.0.10.1";
    private static final String ERROR_RETURN = "127.0.10.2";
    private static final List<String> POOLS = List.of("127.0.10.1", "127.0.10.2", "127.0.10.3", "127.0.10.4", "127.0.10.11",
            "127.0.10.12");

    @TempDir
    static Path keys;
    private static FleetWorld world;

    @BeforeAll
    static void start(LocalEmulators emulators) throws Exception {
        world = FleetWorld.start(emulators, "fblocklist", keys);
        world.internet().zone().addZone("bl.test");
        world.internet().zone().addZone("refusing.test");
        world.internet().zone().add(new DnsRecord("1.10.0.127.bl.test", DnsRecord.Type.A, 60, "127.0.0.2"));
        world.internet().zone().add(new DnsRecord("2.10.0.127.refusing.test", DnsRecord.Type.A, 60, "127.255.255.254"));
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void oneCheckPausesExactlyTheListedIpAndTheNodeStopsSendingFromIt() throws Exception {
        WarmupPlan plan = world.policy().warmup();
        // An hour between rounds: the test sees exactly the first one, run at start.
        DeliveryPolicy watching = new DeliveryPolicy(world.policy().throttles(), new WarmupPlan(plan.dailyVolume(),
                plan.providerShare(), plan.thresholds(), plan.warmAddresses(),
                new BlocklistWatch(List.of("bl.test", "refusing.test"), Duration.ofHours(1))));
        FleetNode node = world.startNode(world.nodeSettings("blocklist-a", List.of()), watching);
        FleetMetrics metrics = node.metrics();
        FleetWorld.await("one round of checks: 6 IPs on 2 lists", () -> lookups(metrics) == 2 * POOLS.size());
        assertThat(node.heldAddresses()).containsExactlyInAnyOrderElementsOf(POOLS);
        WarmupRecords warmups = new WarmupRecords(world.stage().dynamoDb(), world.stage().table(SystemTopology.FLEET_STATE_TABLE));

        WarmupProgress paused = warmups.read(LISTED).orElseThrow();
        assertThat(paused.status()).isEqualTo(WarmupStatus.PAUSED);
        assertThat(paused.reason()).isEqualTo("paused: listed on bl.test (127.0.0.2)");
        assertThat(POOLS.stream().filter(ip -> !ip.equals(LISTED)))
                .as("an error return, or no listing, leaves the warmup record untouched")
                .allSatisfy(ip -> assertThat(warmups.read(ip)).as(ip).isEmpty());
        assertThat(metrics.blocklisted.value(LISTED, "bl.test")).isEqualTo(1);
        assertThat(metrics.blocklisted.value(ERROR_RETURN, "refusing.test")).isEqualTo(0);
        assertThat(metrics.blocklistChecks.value("bl.test", "listed")).isEqualTo(1);
        assertThat(metrics.blocklistChecks.value("bl.test", "not_listed")).isEqualTo(5);
        assertThat(metrics.blocklistChecks.value("refusing.test", "error_return")).isEqualTo(1);
        assertThat(metrics.blocklistChecks.value("refusing.test", "not_listed")).isEqualTo(5);

        // Day 1 allows 2 gmail messages per IP: 6 need every unpaused alpha IP, and find no room on the paused one.
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(world.send(TestTenants.ALPHA, "listed" + i + "@gmail.test"));
        }
        FleetWorld.await("the mail delivered", () -> messages.stream().allMatch(m -> world.receivedBy(m.recipient()).size() == 1));
        List<String> sources = messages.stream().flatMap(m -> world.eventsOf(m.id()).stream())
                .filter(e -> e.outcome() == DeliveryOutcome.DELIVERED).map(DeliveryEvent::sourceIp).toList();
        assertThat(sources).hasSize(6).doesNotContain(LISTED)
                .containsOnly("127.0.10.2", "127.0.10.3", "127.0.10.4");
        assertThat(warmups.read(ERROR_RETURN).orElseThrow().status()).isEqualTo(WarmupStatus.WARMING);
    }

    private static double lookups(FleetMetrics metrics) {
        double total = 0;
        for (String zone : List.of("bl.test", "refusing.test")) {
            for (String result : List.of("listed", "not_listed", "error_return", "unknown")) {
                total += metrics.blocklistChecks.value(zone, result);
            }
        }
        return total;
    }
}
