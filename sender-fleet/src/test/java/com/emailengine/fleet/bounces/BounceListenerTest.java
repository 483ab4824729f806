package com.emailengine.fleet.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.json.Json;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.RawSmtpClient;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bounce listener's SMTP dialogue, on platform's server core, as a hand-driven socket sees it: relaying refused,
 * the 10 MB limit held at MAIL FROM and at end of data, 451 when the raw message cannot be stored, pipelined
 * commands answered in order, and the stored message exactly as sent. The archive is the real one on the emulators;
 * its failure is a real S3 error (a bucket that does not exist), not a stand-in.
 */
@ExtendWith(SharedEmulators.class)
class BounceListenerTest {

    private static final Map<String, String> TENANT_BY_DOMAIN = Map.of("bounces.alpha.test", "alpha");
    private static final String DSN = String.join("\r\n",
            "From: MAILER-DAEMON@mx1.gmail.test",
            "To: b+0123abcd@bounces.alpha.test",
            "Subject: Delivery Status Notification (Failure)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: message/delivery-status",
            "",
            "Final-Recipient: rfc822; ghost@gmail.test",
            "Action: failed",
            "Status: 5.1.1",
            "--b1--",
            "");

    private static EmulatedStage stage;
    private final FleetMetrics metrics = new FleetMetrics();
    private BounceListener listener;

    @BeforeAll
    static void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "blisten");
    }

    @AfterAll
    static void release() {
        stage.close();
    }

    @BeforeEach
    void start() throws IOException {
        listener = listen(stage.bucket(SystemTopology.RAW_BOUNCES_BUCKET));
    }

    @AfterEach
    void stop() {
        listener.close();
        stage.drain(SystemTopology.INBOUND_BOUNCES_QUEUE);
    }

    @Test
    void refusesRecipientsOutsideTheReturnPathDomainsAsRelayingDenied() throws Exception {
        try (RawSmtpClient client = greeted()) {
            assertThat(client.command("MAIL FROM:<>").code()).isEqualTo(250);

            assertThat(client.command("RCPT TO:<someone@gmail.test>").toString())
                    .isEqualTo("550 5.7.1 <someone@gmail.test>: relaying denied, this host takes mail for return-path domains only");
            assertThat(client.command("RCPT TO:<postmaster@gmail.test>").code()).isEqualTo(550);
            assertThat(client.command("RCPT TO:<b+1@BOUNCES.alpha.test>").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<postmaster>").code()).isEqualTo(250);
        }
    }

    @Test
    void refusesAMessageDeclaredOverTheLimitAtMailFromBeforeAnyDataIsSent() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(listener.address(), InetAddress.getByName("127.0.9.8"))) {
            client.read();
            assertThat(client.command("EHLO mx1.gmail.test").lines()).contains("SIZE " + BounceListener.MAX_MESSAGE);

            assertThat(client.command("MAIL FROM:<> SIZE=" + (BounceListener.MAX_MESSAGE + 1)).toString()).startsWith("552 5.3.4");
            assertThat(client.command("MAIL FROM:<> SIZE=" + BounceListener.MAX_MESSAGE).code()).isEqualTo(250);
        }
    }

    @Test
    void refusesAMessageOverTheLimitAtEndOfDataStoresNothingAndKeepsTheConnection() throws Exception {
        try (RawSmtpClient client = upToData()) {
            byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i <= BounceListener.MAX_MESSAGE / line.length; i++) {
                client.write(line);
            }
            client.write(".\r\n");

            assertThat(client.read().toString()).startsWith("552 5.3.4");
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(stage.drain(SystemTopology.INBOUND_BOUNCES_QUEUE)).isEmpty();
        assertThat(metrics.bouncesReceived.value("dsn")).isZero();
    }

    @Test
    void answers451WhenTheArchiveCannotStoreSoTheSenderRetries() throws Exception {
        listener.close();
        listener = listen("ee-blisten-no-such-bucket");
        try (RawSmtpClient client = upToData()) {
            client.write(DSN + ".\r\n");

            assertThat(client.read().toString()).isEqualTo("451 4.3.0 cannot store the message now, try again later");
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(stage.drain(SystemTopology.INBOUND_BOUNCES_QUEUE)).isEmpty();
        assertThat(metrics.bouncesReceived.value("dsn")).isZero();
    }

    @Test
    void answersPipelinedCommandsInOrderAndStoresTheMessageExactlyAsSent() throws Exception {
        String sent = DSN + "..a line that starts with a dot\r\n";
        String stored;
        try (RawSmtpClient client = new RawSmtpClient(listener.address(), InetAddress.getByName("127.0.9.8"))) {
            assertThat(client.read().toString()).startsWith("220 mx.bounces.alpha.test ESMTP");
            assertThat(client.command("EHLO mx1.gmail.test").lines()).contains("PIPELINING");

            client.write("MAIL FROM:<>\r\nRCPT TO:<b+0123abcd@bounces.alpha.test>\r\nRCPT TO:<x@gmail.test>\r\n"
                    + "RCPT TO:<postmaster>\r\nDATA\r\n");
            assertThat(List.of(client.read(), client.read(), client.read(), client.read(), client.read()))
                    .extracting(r -> r.code() + " " + r.text().substring(0, 5))
                    .containsExactly("250 2.1.0", "250 2.1.5", "550 5.7.1", "250 2.1.5", "354 end d");
            client.write(sent + ".\r\nQUIT\r\n");
            RawSmtpClient.Reply kept = client.read();
            assertThat(kept.toString()).startsWith("250 2.0.0 stored as raw/");
            assertThat(client.read().code()).isEqualTo(221);
            stored = kept.text().substring("2.0.0 stored as ".length());
        }

        List<String> announced = stage.drain(SystemTopology.INBOUND_BOUNCES_QUEUE);
        assertThat(announced).hasSize(1);
        InboundBounce event = Json.read(announced.getFirst(), InboundBounce.class);
        assertThat(event.key()).isEqualTo(stored);
        assertThat(event.kind()).isEqualTo("dsn");
        assertThat(event.mailFrom()).isEmpty();
        assertThat(event.recipients()).containsExactly("b+0123abcd@bounces.alpha.test", "postmaster");
        assertThat(event.clientIp()).isEqualTo("127.0.9.8");
        byte[] object = stage.s3().getObjectAsBytes(r -> r.bucket(event.bucket()).key(event.key())).asByteArray();
        assertThat(new String(object, StandardCharsets.US_ASCII)).isEqualTo(DSN + ".a line that starts with a dot\r\n");
        assertThat(metrics.bouncesReceived.value("dsn")).isEqualTo(1);
    }

    private BounceListener listen(String bucket) throws IOException {
        RawBounceArchive archive = new RawBounceArchive(stage.s3(), bucket, stage.sqs(),
                stage.queueUrl(SystemTopology.INBOUND_BOUNCES_QUEUE));
        return BounceListener.start(new InetSocketAddress("127.0.9.26", 0), TENANT_BY_DOMAIN,
                BounceListener.Complaints.UNCOUNTED, archive, metrics, Clock.systemUTC(), "mx.bounces.alpha.test");
    }

    private RawSmtpClient greeted() throws IOException {
        RawSmtpClient client = new RawSmtpClient(listener.address(), InetAddress.getByName("127.0.9.8"));
        client.read();
        client.command("EHLO mx1.gmail.test");
        return client;
    }

    private RawSmtpClient upToData() throws IOException {
        RawSmtpClient client = greeted();
        client.command("MAIL FROM:<>");
        client.command("RCPT TO:<b+0123abcd@bounces.alpha.test>");
        assertThat(client.command("DATA").code()).isEqualTo(354);
        return client;
    }
}
