package com.emailengine.fleet.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import com.emailengine.adapters.fleetstate.WarmupRecords;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.core.warmup.WarmupStatus;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.emulators.internet.SinkBehaviour;
import com.emailengine.emulators.internet.SinkConnection;
import com.emailengine.fleet.FleetWorld;
import com.emailengine.fleet.node.FleetNode;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that refuses the sending IPs themselves at the greeting ({@code 554 5.7.1}, what a blocklisted
 * IP gets). That is the IP's reputation, not the recipient's fault: the message is deferred, never bounced,
 * and each refused IP that is warming up is paused, so it stops sending until it has rested.
 */
@ExtendWith(SharedEmulators.class)
class IpRefusalEndToEndTest {

    @TempDir
    static Path keys;
    private static FleetWorld world;

    @BeforeAll
    static void start(LocalEmulators emulators) throws Exception {
        world = FleetWorld.start(emulators, "frefusal", keys);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aGreetingOf554DefersTheMessageAndPausesEveryRefusedIpInsteadOfBouncingTheRecipient() throws Exception {
        world.sink("yahoo").useBehaviour(new SinkBehaviour() {
            @Override
            public Optional<SmtpReply> onConnect(SinkConnection connection) {
                return Optional.of(SmtpReply.of(554, "5.7.1 Service unavailable; client host blocked using a blocklist"));
            }
        });
        OutboundMessage message = world.send(TestTenants.ALPHA, "someone@yahoo.test");
        FleetNode node = world.startNode(world.nodeSettings("refusal-a", List.of()));
        WarmupRecords warmups = new WarmupRecords(world.stage().dynamoDb(), world.stage().table(SystemTopology.FLEET_STATE_TABLE));
        List<String> alpha = List.of("127.0.10.1", "127.0.10.2", "127.0.10.3", "127.0.10.4");

        FleetWorld.await("every alpha IP paused", () -> alpha.stream()
                .allMatch(ip -> warmups.read(ip).map(p -> p.status() == WarmupStatus.PAUSED).orElse(false)));

        List<DeliveryEvent> events = world.eventsOf(message.id());
        assertThat(events).hasSize(4).allSatisfy(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.DEFERRED);
            assertThat(event.smtpReply()).startsWith("554 5.7.1 Service unavailable");
        });
        assertThat(events).extracting(DeliveryEvent::sourceIp).containsExactlyInAnyOrderElementsOf(alpha);
        assertThat(warmups.read("127.0.10.1").orElseThrow().reason()).startsWith("paused: yahoo refused the IP (554 5.7.1");
        assertThat(world.onQueue(TestTenants.ALPHA)).as("the message waits for an IP that may send").isEqualTo(1);
        assertThat(node.metrics().blocked.value("127.0.10.2", "yahoo")).isEqualTo(1);
        // Beta's warm IPs are not paused by anything here and alpha's pause does not touch them.
        assertThat(warmups.read("127.0.10.11")).isEmpty();
        world.stage().drain(SystemTopology.outboundQueue(TestTenants.ALPHA));
    }
}
