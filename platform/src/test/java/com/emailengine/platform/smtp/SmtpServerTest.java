package com.emailengine.platform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.smtp.SmtpReply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the server core promises a handler: it asks only about steps that passed the protocol's own checks, hands
 * over each accepted message with its envelope and session facts, gives the handler's reply, counts what it saw,
 * and turns a handler's failure into a 421. The protocol in depth is proven through the sinks (emulators) and the
 * bounce listener (sender-fleet), which run on this core.
 */
class SmtpServerTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.3.40", 0);
    private static final String CLIENT = "127.0.3.41";

    private SmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void handsTheHandlerEachAcceptedMessageWithItsEnvelopeParametersAndProtocol() throws Exception {
        Recording handler = new Recording(SmtpReply.of(250, "2.0.0 kept"));
        server = SmtpServer.start(settings(1000), handler);
        try (Client client = new Client(server.address())) {
            assertThat(client.read()).isEqualTo("220 mx.core.test ESMTP core under test");
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.test> BODY=8BITMIME SIZE=20");
            client.command("RCPT TO:<b@core.test>");
            client.command("DATA");
            assertThat(client.command("hello\r\n..dot\r\n.")).isEqualTo("250 2.0.0 kept");
        }

        SmtpMessage message = handler.delivered.getFirst();
        assertThat(message.connection().heloName()).isEqualTo("client.test");
        assertThat(message.connection().number()).isEqualTo(1);
        assertThat(message.connection().clientAddress().getHostAddress()).isEqualTo(CLIENT);
        assertThat(message.envelope()).isEqualTo(new SmtpEnvelope("a@sender.test", List.of("b@core.test")));
        assertThat(message.mailParameters()).containsEntry("BODY", "8BITMIME").containsEntry("SIZE", "20");
        assertThat(message.protocol()).isEqualTo("ESMTP");
        assertThat(new String(message.content(), StandardCharsets.US_ASCII)).isEqualTo("hello\r\n.dot\r\n");
        assertThat(handler.asked).containsExactly("connect", "mail a@sender.test", "rcpt b@core.test", "data");
    }

    @Test
    void asksTheHandlerNothingAboutACommandThatFailedTheProtocolsOwnChecks() throws Exception {
        Recording handler = new Recording(SmtpReply.of(250, "2.0.0 kept"));
        server = SmtpServer.start(settings(100), handler);
        try (Client client = new Client(server.address())) {
            client.read();
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<a@sender.test> SIZE=101")).startsWith("552 5.3.4");
            assertThat(client.command("MAIL FROM:<not an address>")).startsWith("553 5.1.7");
            assertThat(client.command("RCPT TO:<b@core.test>")).startsWith("503 5.5.1");
        }

        assertThat(handler.asked).containsExactly("connect");
        assertThat(server.counters().messagesRejected()).isEqualTo(1);
    }

    @Test
    void countsAMessageTheHandlerCouldNotKeepAsRejectedAndKeepsTheConnection() throws Exception {
        server = SmtpServer.start(settings(1000), new Recording(SmtpReply.of(451, "4.3.0 disk full")));
        try (Client client = new Client(server.address())) {
            client.read();
            client.command("EHLO client.test");
            client.command("MAIL FROM:<>");
            client.command("RCPT TO:<b@core.test>");
            client.command("DATA");
            assertThat(client.command("lost\r\n.")).isEqualTo("451 4.3.0 disk full");
            assertThat(client.command("NOOP")).startsWith("250");
        }

        SmtpCounters counted = server.counters();
        assertThat(counted.connections()).isEqualTo(1);
        assertThat(counted.recipientsAccepted()).isEqualTo(1);
        assertThat(counted.messagesAccepted()).isZero();
        assertThat(counted.messagesRejected()).isEqualTo(1);
    }

    @Test
    void endsTheConnectionWithA421LocalErrorWhenTheHandlerFails() throws Exception {
        server = SmtpServer.start(settings(1000), new Recording(SmtpReply.of(250, "2.0.0 kept")) {
            @Override
            public Optional<SmtpReply> onMailFrom(SmtpConnection connection, String sender) {
                throw new IllegalStateException("policy store down");
            }
        });
        try (Client client = new Client(server.address())) {
            client.read();
            client.command("EHLO client.test");

            assertThat(client.command("MAIL FROM:<a@sender.test>")).startsWith("421 4.3.0").contains("policy store down");
            assertThat(client.read()).isNull();
        }
    }

    @Test
    void advertisesTheSizeLimitAndNoStartTlsWithoutACertificate() throws Exception {
        server = SmtpServer.start(settings(4096), new Recording(SmtpReply.of(250, "2.0.0 kept")));
        try (Client client = new Client(server.address())) {
            client.read();
            String ehlo = client.command("EHLO client.test");

            assertThat(ehlo.lines()).contains("250-SIZE 4096", "250-PIPELINING", "250-8BITMIME", "250-SMTPUTF8",
                    "250-ENHANCEDSTATUSCODES", "250 HELP").doesNotContain("250-STARTTLS");
            assertThat(client.command("STARTTLS")).startsWith("502 5.5.1");
        }
    }

    private static SmtpServerSettings settings(long maxMessageSize) {
        return new SmtpServerSettings("smtp-core-test", LOOPBACK, "mx.core.test", "ESMTP core under test", maxMessageSize,
                Duration.ofSeconds(10));
    }

    /** Lets every step through, records what it was asked, and answers {@link #deliver} with a fixed reply. */
    private static class Recording implements SmtpHandler {

        final List<String> asked = new CopyOnWriteArrayList<>();
        final List<SmtpMessage> delivered = new CopyOnWriteArrayList<>();
        private final SmtpReply kept;

        Recording(SmtpReply kept) {
            this.kept = kept;
        }

        @Override
        public Optional<SmtpReply> onConnect(SmtpConnection connection) {
            asked.add("connect");
            return Optional.empty();
        }

        @Override
        public Optional<SmtpReply> onMailFrom(SmtpConnection connection, String sender) {
            asked.add("mail " + sender);
            return Optional.empty();
        }

        @Override
        public Optional<SmtpReply> onRecipient(SmtpConnection connection, String sender, String recipient) {
            asked.add("rcpt " + recipient);
            return Optional.empty();
        }

        @Override
        public Optional<SmtpReply> onEndOfData(SmtpConnection connection, SmtpEnvelope envelope, byte[] content) {
            asked.add("data");
            return Optional.empty();
        }

        @Override
        public SmtpReply deliver(SmtpMessage message) {
            delivered.add(message);
            return kept;
        }
    }

    /** One command and its whole reply at a time; the lines of a multi-line reply joined by \n. */
    private static final class Client implements AutoCloseable {

        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Client(InetSocketAddress server) throws IOException {
            socket = new Socket();
            socket.bind(new InetSocketAddress(CLIENT, 0));
            socket.connect(server, 5_000);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        /** The next reply, or null once the server closed. */
        String read() throws IOException {
            StringBuilder reply = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                reply.append(reply.isEmpty() ? "" : "\n").append(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return reply.toString();
                }
            }
            return reply.isEmpty() ? null : reply.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
