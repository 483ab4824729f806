package com.emailengine.fleet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.adapters.fleetstate.SendingQuotas;
import com.emailengine.adapters.ledger.DeliveryLedger;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.json.Json;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.fleet.FleetWorld;
import com.emailengine.fleet.bounces.InboundBounce;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.SystemTopology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as {@code FleetMain} starts it from settings (what the EC2 boot script writes), with its
 * Prometheus endpoint read by curl and its bounce listener fed by swaks, both independent peers: a DSN to a
 * VERP address is stored raw in the raw-bounces bucket and announced on the inbound-bounces queue; mail for
 * any other domain is refused; an ARF complaint is counted for the CloudWatch agent (a UDP socket here) and in the
 * warm-up record of the sending IP it names.
 */
@ExtendWith(SharedEmulators.class)
class FleetDaemonTest {

    @TempDir
    static Path keys;
    @TempDir
    static Path work;
    private static FleetWorld world;
    private static FleetNode node;
    /** Stands for the CloudWatch agent's EMF listener. */
    private static DatagramSocket agent;

    @BeforeAll
    static void start(LocalEmulators emulators) throws Exception {
        world = FleetWorld.start(emulators, "fdaemon", keys);
        Map<String, String> settings = new HashMap<>(world.settings());
        InetSocketAddress dns = world.internet().dnsAddress();
        settings.put(FleetSettingKeys.NODE_ID, "daemon-1");
        settings.put(Settings.DNS_RESOLVER, dns.getHostString() + ":" + dns.getPort());
        settings.put(FleetSettingKeys.SMTP_PORT, Integer.toString(world.internet().smtpPort()));
        settings.put(FleetSettingKeys.DKIM_KEY_DIR, keys.toString());
        settings.put(FleetSettingKeys.RECEIVE_WAIT, "1");
        settings.put(FleetSettingKeys.ADDRESSES, "127.0.10.1, 127.0.10.2");
        settings.put(FleetSettingKeys.METRICS, "127.0.9.90:0");
        settings.put(FleetSettingKeys.BOUNCE_LISTENER, "127.0.9.25:0");
        agent = new DatagramSocket(new InetSocketAddress("127.0.9.91", 0));
        agent.setSoTimeout(5_000);
        settings.put(FleetSettingKeys.EMF, "127.0.9.91:" + agent.getLocalPort());
        node = FleetMain.start(Settings.of(settings));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (world != null) {
            world.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void servesPrometheusMetricsThatCurlReads() throws Exception {
        InetSocketAddress metrics = node.metricsEndpoint().orElseThrow().address();
        // The Prometheus client exposes a family from its first series on: one delivery puts the counter there.
        OutboundMessage message = world.send(TestTenants.ALPHA, "metrics@gmail.test");
        FleetWorld.await("the message delivered", () -> world.receivedBy(message.recipient()).size() == 1);

        Run curl = run(List.of("/usr/bin/curl", "-sS", "-i", "http://127.0.9.90:" + metrics.getPort() + "/metrics"), null);

        assertThat(curl.exit()).as(curl.output()).isZero();
        assertThat(curl.output()).contains("HTTP/1.1 200").contains("Content-type: text/plain; version=0.0.4")
                .contains("# TYPE ee_fleet_ip_leased gauge")
                .contains("ee_fleet_ip_leased{ip=\"127.0.10.1\",tenant=\"alpha\"} 1")
                .contains("# TYPE ee_fleet_messages_total counter");
    }

    @Test
    void storesAReceivedDsnRawAndAnnouncesItAndRefusesToRelay() throws Exception {
        int port = node.bounceListener().orElseThrow().address().getPort();
        Path dsn = work.resolve("dsn.eml");
        Files.writeString(dsn, String.join("\r\n",
                "From: MAILER-DAEMON@mx1.gmail.test",
                "To: b+0123abcd@bounces.alpha.test",
                "Subject: Delivery Status Notification (Failure)",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status;",
                "\tboundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain",
                "",
                "The address was not found.",
                "--b1",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx1.gmail.test",
                "",
                "Final-Recipient: rfc822; ghost@gmail.test",
                "Action: failed",
                "Status: 5.1.1",
                "--b1--",
                ""), StandardCharsets.US_ASCII);

        Run accepted = swaks(port, "b+0123abcd@bounces.alpha.test", dsn);
        Run refused = swaks(port, "someone@gmail.test", dsn);

        assertThat(accepted.exit()).as(accepted.output()).isZero();
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("550 5.7.1 <someone@gmail.test>: relaying denied");
        List<String> announced = world.stage().drain(SystemTopology.INBOUND_BOUNCES_QUEUE);
        assertThat(announced).hasSize(1);
        InboundBounce event = Json.read(announced.getFirst(), InboundBounce.class);
        assertThat(event.kind()).isEqualTo("dsn");
        assertThat(event.mailFrom()).isEmpty();
        assertThat(event.recipients()).containsExactly("b+0123abcd@bounces.alpha.test");
        assertThat(event.clientIp()).isEqualTo("127.0.9.7");
        assertThat(event.bucket()).isEqualTo(world.stage().bucket(SystemTopology.RAW_BOUNCES_BUCKET));
        String stored = world.stage().s3().getObjectAsBytes(r -> r.bucket(event.bucket()).key(event.key())).asUtf8String();
        assertThat(stored).contains("Final-Recipient: rfc822; ghost@gmail.test\r\n").contains("report-type=delivery-status");
        assertThat(node.metrics().bouncesReceived.value("dsn")).isEqualTo(1);
    }

    @Test
    void countsAnArfComplaintForTheTenantsCloudWatchAlarmAndTheWarmupOfTheSourceIpAndReportsItsContact() throws Exception {
        int port = node.bounceListener().orElseThrow().address().getPort();
        // The message the report is about, as the fleet recorded its delivery.
        DeliveryLedger ledger = new DeliveryLedger(world.stage().dynamoDb(), world.stage().names().table(SystemTopology.MESSAGES_TABLE));
        Instant sentAt = Instant.now().minus(Duration.ofHours(5));
        DeliveryEvent delivered = new DeliveryEvent("m-arf-1:1:delivered", "m-arf-1", "alpha", "c0ffee", "welcome", 0, 1,
                DeliveryOutcome.DELIVERED, "zoe@hotmail.test", "127.0.10.1", "mx1.hotmail.test", "250 2.0.0 queued", sentAt);
        int attempt = ledger.claim("m-arf-1", "daemon-1", sentAt, Duration.ofMinutes(3)).attempt();
        assertThat(ledger.record("m-arf-1", attempt, DeliveryOutcome.DELIVERED, Json.write(delivered), sentAt)).isTrue();
        Path arf = arf("arf.eml", "m-arf-1", "127.0.10.1", null);

        Run accepted = swaks(port, "fbl@bounces.alpha.test", arf);

        assertThat(accepted.exit()).as(accepted.output()).isZero();
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        agent.receive(packet);
        JsonNode line = new ObjectMapper().readTree(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText())
                .isEqualTo("Complaints");
        assertThat(line.path("Tenant").asText()).isEqualTo("alpha");
        assertThat(line.path("Stage").asText()).isEqualTo("fdaemon");
        assertThat(line.path("Complaints").asInt()).isEqualTo(1);
        List<String> announced = world.stage().drain(SystemTopology.INBOUND_BOUNCES_QUEUE);
        assertThat(announced).hasSize(1);
        assertThat(Json.read(announced.getFirst(), InboundBounce.class).kind()).isEqualTo("arf");
        assertThat(line.path("report").asText()).isEqualTo(Json.read(announced.getFirst(), InboundBounce.class).key());
        SendingQuotas quotas = new SendingQuotas(world.stage().dynamoDb(), world.stage().names().table(SystemTopology.FLEET_STATE_TABLE));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(quotas.dayStats("127.0.10.1", today).complaints()).isEqualTo(1);
        assertThat(quotas.dayStats("127.0.10.2", today).complaints()).isZero();
        List<DeliveryEvent> complained = world.stage().drain(SystemTopology.EVENTS_QUEUE).stream()
                .map(json -> Json.read(json, DeliveryEvent.class)).filter(e -> e.outcome() == DeliveryOutcome.COMPLAINED).toList();
        assertThat(complained).singleElement().satisfies(event -> {
            assertThat(event.messageId()).isEqualTo("m-arf-1");
            assertThat(event.tenantId()).isEqualTo("alpha");
            assertThat(event.contactId()).isEqualTo("c0ffee");
            assertThat(event.smtpReply()).startsWith("feedback report raw/");
        });
    }

    @Test
    void aForgedComplaintChangesNothingAndIsKeptForReview() throws Exception {
        int port = node.bounceListener().orElseThrow().address().getPort();
        DeliveryLedger ledger = new DeliveryLedger(world.stage().dynamoDb(), world.stage().names().table(SystemTopology.MESSAGES_TABLE));
        Instant sentAt = Instant.now().minus(Duration.ofHours(2));
        DeliveryEvent delivered = new DeliveryEvent("m-arf-2:1:delivered", "m-arf-2", "alpha", "c0ffee2", "welcome", 0, 1,
                DeliveryOutcome.DELIVERED, "ana@hotmail.test", "127.0.10.1", "mx1.hotmail.test", "250 2.0.0 queued", sentAt);
        int attempt = ledger.claim("m-arf-2", "daemon-1", sentAt, Duration.ofMinutes(3)).attempt();
        assertThat(ledger.record("m-arf-2", attempt, DeliveryOutcome.DELIVERED, Json.write(delivered), sentAt)).isTrue();
        SendingQuotas quotas = new SendingQuotas(world.stage().dynamoDb(), world.stage().names().table(SystemTopology.FLEET_STATE_TABLE));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long before = quotas.dayStats("127.0.10.1", today).complaints() + quotas.dayStats("127.0.10.2", today).complaints();

        // A message id computed by an attacker (none of ours: ids are keyed); our message, but another sending IP;
        // our message, but another recipient.
        for (Path forged : List.of(arf("forged-1.eml", "0123456789abcdef0123456789abcdef", "127.0.10.1", null),
                arf("forged-2.eml", "m-arf-2", "127.0.10.2", null),
                arf("forged-3.eml", "m-arf-2", "127.0.10.1", "someone.else@hotmail.test"))) {
            Run accepted = swaks(port, "fbl@bounces.alpha.test", forged);
            assertThat(accepted.exit()).as("stored for review: %s", accepted.output()).isZero();
        }

        assertThat(world.stage().drain(SystemTopology.EVENTS_QUEUE)).as("no complained event").noneMatch(json ->
                Json.read(json, DeliveryEvent.class).outcome() == DeliveryOutcome.COMPLAINED);
        assertThat(quotas.dayStats("127.0.10.1", today).complaints() + quotas.dayStats("127.0.10.2", today).complaints())
                .as("no IP's warm-up counted them").isEqualTo(before);
        assertThat(node.metrics().complaints.value("unknown_message")).isEqualTo(1);
        assertThat(node.metrics().complaints.value("other_source_ip")).isEqualTo(1);
        assertThat(node.metrics().complaints.value("other_recipient")).isEqualTo(1);
        agent.setSoTimeout(1_000);
        try {
            DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
            assertThatThrownBy(() -> agent.receive(packet)).as("no CloudWatch complaint").isInstanceOf(SocketTimeoutException.class);
        } finally {
            agent.setSoTimeout(5_000);
        }
        assertThat(world.stage().drain(SystemTopology.INBOUND_BOUNCES_QUEUE)).as("each report kept raw").hasSize(3);
    }

    /** An ARF abuse report from Hotmail's feedback loop about one message; {@code originalTo} adds the reported To. */
    private static Path arf(String file, String messageId, String sourceIp, String originalTo) throws IOException {
        Path arf = work.resolve(file);
        List<String> lines = new ArrayList<>(List.of(
                "From: staff@hotmail.test",
                "To: fbl@bounces.alpha.test",
                "Subject: complaint about message from " + sourceIp,
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=feedback-report;",
                "\tboundary=\"f1\"",
                "",
                "--f1",
                "Content-Type: text/plain",
                "",
                "This is an email abuse report.",
                "--f1",
                "Content-Type: message/feedback-report",
                "",
                "Feedback-Type: abuse",
                "User-Agent: JMRP/1.0",
                "Version: 1",
                "Source-IP: " + sourceIp,
                "--f1",
                "Content-Type: message/rfc822",
                "",
                "From: news@alpha.test"));
        if (originalTo != null) {
            lines.add("To: " + originalTo);
        }
        lines.addAll(List.of("Message-ID: <" + messageId + "@alpha.test>", "Subject: hello", "", "body", "--f1--", ""));
        Files.writeString(arf, String.join("\r\n", lines), StandardCharsets.US_ASCII);
        return arf;
    }

    private record Run(int exit, String output) {
    }

    private static Run swaks(int port, String to, Path data) throws Exception {
        return run(List.of("/usr/bin/swaks", "--server", "127.0.9.25", "--port", Integer.toString(port), "--local-interface",
                "127.0.9.7", "--helo", "mx1.gmail.test", "--from", "<>", "--to", to, "--data", data.toString()), null);
    }

    private static Run run(List<String> command, Path input) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(command.getFirst()))) {
            throw new IllegalStateException(command.getFirst() + " is missing: install the Debian package "
                    + Path.of(command.getFirst()).getFileName() + " (bin/test does it)");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close(); // nothing to type: a tool that would prompt gets end of input instead
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }
}
