package com.emailengine.fleet.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.PythonDkim;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.emulators.internet.ReceivedMail;
import com.emailengine.emulators.internet.SinkBehaviour;
import com.emailengine.fleet.FleetWorld;
import com.emailengine.fleet.SelfSignedTls;
import com.emailengine.fleet.node.FleetNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node against providers that misbehave the way real ones do: Gmail answers 421 to every
 * connection for a while, Outlook refuses one unknown user with 550, Yahoo and example.test accept.
 * Proves that the throttled provider is backed off (few connections, no retry storm) while the others
 * get their mail at once, that Gmail's mail goes out once it recovers, that the 550 is a hard bounce event
 * with the reply, that connections are reused, and that every delivered message carries RSA and Ed25519
 * DKIM signatures an independent verifier (dkimpy) passes against the keys in DNS.
 */
@ExtendWith(SharedEmulators.class)
class ProviderThrottlingEndToEndTest {

    /** How long Gmail answers 421; the test config backs a provider off 3 s, then 6 s. */
    private static final Duration GMAIL_DOWN = Duration.ofSeconds(8);

    @TempDir
    static Path keys;
    private static FleetWorld world;

    @BeforeAll
    static void start(LocalEmulators emulators) throws Exception {
        world = FleetWorld.start(emulators, "fthrottle", keys);
    }

    @AfterEach
    void stopNodes() {
        world.stopNodes();
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aProviderAnswering421IsBackedOffWhileTheOthersGetTheirMailAndA550BouncesWithItsReply() throws Exception {
        world.sink("gmail").useBehaviour(SinkBehaviour.tempFailConnectionsFor(GMAIL_DOWN));
        world.sink("outlook").useBehaviour(SinkBehaviour.unknownUsers(to -> to.startsWith("ghost")));
        List<OutboundMessage> gmail = new ArrayList<>();
        List<OutboundMessage> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gmail.add(world.send(TestTenants.ALPHA, "g" + i + "@gmail.test"));
        }
        others.add(world.send(TestTenants.ALPHA, "y0@yahoo.test"));
        others.add(world.send(TestTenants.ALPHA, "y1@yahoo.test"));
        others.add(world.send(TestTenants.ALPHA, "e0@example.test"));
        others.add(world.send(TestTenants.ALPHA, "o0@outlook.test"));
        OutboundMessage ghost = world.send(TestTenants.ALPHA, "ghost@hotmail.test");
        long start = System.nanoTime();

        FleetNode node = world.startNode(world.nodeSettings("throttle-a", List.of()));
        FleetWorld.await("the other providers' mail delivered", () -> others.stream().allMatch(m -> world.receivedBy(m.recipient()).size() == 1));
        Duration othersDone = Duration.ofNanos(System.nanoTime() - start);
        long gmailConnectionsWhileDown = world.sink("gmail").counters().connections();
        FleetWorld.await("gmail's mail delivered after it recovered", () -> gmail.stream().allMatch(m -> world.receivedBy(m.recipient()).size() == 1));
        FleetWorld.await("the bounce reported", () -> !world.eventsOf(ghost.id()).isEmpty());

        assertThat(othersDone).as("others delivered while gmail was still refusing").isLessThan(GMAIL_DOWN);
        // 4 IPs, each backing gmail off 3 s then 6 s: a few connections each, not one per message per retry second.
        assertThat(world.sink("gmail").counters().connectionsRefused()).isBetween(1L, 4L * 4);
        assertThat(gmailConnectionsWhileDown).isLessThanOrEqualTo(4L * 4);
        assertThat(node.metrics().throttled.value("127.0.10.1", "gmail") + node.metrics().throttled.value("127.0.10.2", "gmail")
                + node.metrics().throttled.value("127.0.10.3", "gmail") + node.metrics().throttled.value("127.0.10.4", "gmail"))
                .as(node.metrics().render() + world.events()).isPositive();
        List<DeliveryEvent> gmailEvents = gmail.stream().flatMap(m -> world.eventsOf(m.id()).stream()).toList();
        assertThat(gmailEvents).filteredOn(e -> e.outcome() == DeliveryOutcome.DEFERRED).isNotEmpty()
                .allSatisfy(e -> assertThat(e.smtpReply()).startsWith("421 4.7.0"));
        assertThat(gmailEvents).filteredOn(e -> e.outcome() == DeliveryOutcome.DELIVERED).hasSize(4);
        assertThat(world.eventsOf(ghost.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.BOUNCED);
            assertThat(event.smtpReply()).isEqualTo("550 5.1.1 user unknown");
            assertThat(event.mxHost()).isEqualTo("mx1.hotmail.test");
        });
        assertThat(world.receivedBy(ghost.recipient())).isEmpty();
        assertThat(world.onQueue(TestTenants.ALPHA)).isZero();
    }

    @Test
    void deliveredMailCarriesRsaAndEd25519SignaturesThatDkimpyPassesAndConnectionsAreReused() throws Exception {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(world.send(TestTenants.BETA, "reuse" + i + "@example.test"));
        }
        FleetNode node = world.startNode(world.nodeSettings("throttle-b", List.of()));
        long connectionsBefore = world.sink("example").counters().connections();
        FleetWorld.await("beta's mail delivered", () -> messages.stream().allMatch(m -> world.receivedBy(m.recipient()).size() == 1));

        PythonDkim dkimpy = new PythonDkim(world.internet().dnsAddress());
        for (OutboundMessage message : messages) {
            ReceivedMail mail = world.receivedBy(message.recipient()).getFirst();
            assertThat(dkimpy.verify(mail.content())).as("dkimpy on %s", message.recipient())
                    .extracting(PythonDkim.Result::algorithm, PythonDkim.Result::pass, PythonDkim.Result::domain)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("rsa-sha256", true, "beta.test"),
                            org.assertj.core.groups.Tuple.tuple("ed25519-sha256", true, "beta.test"));
        }
        Set<String> sources = messages.stream().map(m -> world.receivedBy(m.recipient()).getFirst().clientAddress().getHostAddress())
                .collect(Collectors.toSet());
        assertThat(sources).isSubsetOf("127.0.10.11", "127.0.10.12");
        // Two IPs, at most 2 connections each to example: 6 messages took fewer connections than messages.
        long used = world.sink("example").counters().connections() - connectionsBefore;
        assertThat(used).isLessThan(messages.size()).isLessThanOrEqualTo(4);
        assertThat(node.metrics().render()).contains("ee_fleet_messages_total{ip=\"127.0.10.1")
                .contains("outcome=\"delivered\",provider=\"others\"");
    }

    @Test
    void aDomainThatRequiresTlsIsNotSentInClearToAnMxWithoutStarttls() throws Exception {
        world.internet().zone().add(new com.emailengine.core.dns.DnsRecord("tls.example.test",
                com.emailengine.core.dns.DnsRecord.Type.MX, 60, "10 mx1.example.test."));
        OutboundMessage message = world.send(TestTenants.BETA, "secret@tls.example.test");
        world.startNode(world.nodeSettings("throttle-c", List.of()));

        FleetWorld.await("the attempt reported", () -> !world.eventsOf(message.id()).isEmpty());

        assertThat(world.eventsOf(message.id()).getFirst()).satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.DEFERRED);
            assertThat(event.smtpReply()).startsWith("local: mx1.example.test").contains("STARTTLS is required");
        });
        assertThat(world.receivedBy(message.recipient())).isEmpty();
        // The deferred message hides until its retry: take it off the queue once it shows, so no other test meets it.
        world.stopNodes();
        String queue = com.emailengine.platform.topology.SystemTopology.outboundQueue(TestTenants.BETA);
        FleetWorld.await("the deferred message removed", () -> {
            world.stage().drain(queue);
            return world.onQueue(TestTenants.BETA) == 0;
        });
    }

    @Test
    void startTlsOfferedByTheMxIsUsedAndTheSignaturesSurviveIt() throws Exception {
        world.sink("example").offerStartTls(java.util.Optional.of(SelfSignedTls.serverContext("mx1.example.test", keys)));
        long before = world.sink("example").tlsSessions();
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(world.send(TestTenants.BETA, "private" + i + "@example.test"));
        }
        world.startNode(world.nodeSettings("throttle-d", List.of()));

        FleetWorld.await("beta's mail delivered over TLS", () -> messages.stream().allMatch(m -> world.receivedBy(m.recipient()).size() == 1));

        assertThat(world.sink("example").tlsSessions() - before).isBetween(1L, 3L);
        PythonDkim dkimpy = new PythonDkim(world.internet().dnsAddress());
        for (OutboundMessage message : messages) {
            assertThat(dkimpy.verify(world.receivedBy(message.recipient()).getFirst().content()))
                    .isNotEmpty().allSatisfy(result -> assertThat(result.pass()).isTrue());
        }
    }
}
