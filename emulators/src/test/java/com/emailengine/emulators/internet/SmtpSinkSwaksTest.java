package com.emailengine.emulators.internet;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.emulators.fixtures.ExternalTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink as swaks, an independent SMTP client, sees it. */
class SmtpSinkSwaksTest {

    @TempDir
    Path mailRoot;
    SmtpSink sink;
    ExternalTool swaks;

    @BeforeEach
    void start() throws IOException {
        swaks = ExternalTool.require("/usr/bin/swaks", "swaks");
        sink = SmtpSink.start(SmtpSinkSettings.of("outlook", new InetSocketAddress("127.0.3.30", 0))
                .withHostName("mx1.outlook.test")
                .withMailFolder(mailRoot.resolve("outlook")));
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void swaksDeliversWithPipeliningFromAChosenSourceAddress() throws Exception {
        ExternalTool.Run run = swaks("--to", "bob@outlook.test,carol@outlook.test", "--pipeline",
                "--header", "Subject: hello from swaks",
                "--body", "first line\n.dot line\nlast line");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("PIPELINING");
        ReceivedMail mail = sink.awaitReceived(1, Duration.ofSeconds(10)).getFirst();
        assertThat(mail.clientAddress().getHostAddress()).isEqualTo("127.0.1.9");
        assertThat(mail.heloName()).isEqualTo("swaks.sender.test");
        assertThat(mail.mailFrom()).isEqualTo("news@sender.test");
        assertThat(mail.recipients()).containsExactly("bob@outlook.test", "carol@outlook.test");
        assertThat(mail.contentAsString())
                .contains("Subject: hello from swaks\r\n")
                .contains("\r\n\r\nfirst line\r\n.dot line\r\nlast line\r\n");
        String file = Files.readString(mail.emlFile().orElseThrow());
        assertThat(file).startsWith("Received: from swaks.sender.test ([127.0.1.9])\r\n\tby mx1.outlook.test with ESMTP id " + mail.id() + ";");
        assertThat(file).endsWith(mail.contentAsString());
    }

    @Test
    void swaksExitsWithNoRecipientsAcceptedWhenTheSinkRejectsThemAll() throws Exception {
        sink.useBehaviour(SinkBehaviour.unknownUsers(rcpt -> true));

        ExternalTool.Run run = swaks("--to", "ghost@outlook.test", "--pipeline");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(24); // swaks: "no RCPTs accepted"
        assertThat(run.output()).contains("550 5.1.1 user unknown");
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void swaksSeesTheRateLimitAtEndOfData() throws Exception {
        sink.useBehaviour(SinkBehaviour.rateLimit(java.net.InetAddress.getByName("127.0.1.9")));

        ExternalTool.Run run = swaks("--to", "bob@outlook.test");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(26); // swaks: "server did not accept mail following data"
        assertThat(run.output()).contains("421 4.7.28");
    }

    private ExternalTool.Run swaks(String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--server", sink.address().getAddress().getHostAddress() + ":" + sink.address().getPort(),
                "--local-interface", "127.0.1.9",
                "--helo", "swaks.sender.test",
                "--from", "news@sender.test",
                "--timeout", "10"));
        arguments.addAll(List.of(extra));
        return swaks.run(Duration.ofSeconds(60), arguments);
    }
}
