package com.emailengine.emulators.internet;

import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.emulators.fixtures.RawSmtpClient;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;


/** The sink as real SMTP clients see it: Angus Mail (jakarta.mail) and a hand-driven socket. */
class SmtpSinkTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String RAW_MESSAGE = String.join("\r\n",
            "From: Fleet <news@sender.test>",
            "To: Alice <alice@gmail.test>",
            "Subject: exact bytes",
            "Message-ID: <exact-1@sender.test>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "Hello Alice, grüße.",
            ".a line that starts with a dot",
            "..and one with two",
            ".",
            "end",
            "");

    @TempDir
    Path mailRoot;
    SmtpSink sink;

    @BeforeEach
    void start() throws IOException {
        sink = SmtpSink.start(SmtpSinkSettings.of("gmail", new InetSocketAddress("127.0.3.20", 0))
                .withHostName("mx1.gmail.test")
                .withMailFolder(mailRoot.resolve("gmail")));
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void recordsSourceAddressHeloEnvelopeAndExactBytesOfAMessageFromAngusMail() throws Exception {
        Session session = session("127.0.1.7", "fleet-7.sender.test");

        send(session, RAW_MESSAGE, "alice@gmail.test");

        ReceivedMail mail = sink.awaitReceived(1, WAIT).getFirst();
        assertThat(mail.clientAddress().getHostAddress()).isEqualTo("127.0.1.7");
        assertThat(mail.heloName()).isEqualTo("fleet-7.sender.test");
        assertThat(mail.mailFrom()).isEqualTo("bounces@sender.test");
        assertThat(mail.recipients()).containsExactly("alice@gmail.test");
        assertThat(mail.sinkName()).isEqualTo("gmail");
        assertThat(mail.content()).isEqualTo(RAW_MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(mail.contentAsString()).contains("\r\n.a line that starts with a dot\r\n..and one with two\r\n.\r\nend");
    }

    @Test
    void writesOneEmlFileWithAReceivedHeaderPrependedAndKeepsMemoryWithout() throws Exception {
        send(session("127.0.1.7", "fleet-7.sender.test"), RAW_MESSAGE, "alice@gmail.test");

        ReceivedMail mail = sink.awaitReceived(1, WAIT).getFirst();
        Path file = mail.emlFile().orElseThrow();
        assertThat(file.getParent()).isEqualTo(mailRoot.resolve("gmail"));
        assertThat(file.getFileName().toString()).endsWith("-" + mail.id() + ".eml");
        try (Stream<Path> files = Files.list(mailRoot.resolve("gmail"))) {
            assertThat(files).containsExactly(file);
        }
        String stored = Files.readString(file);
        String header = stored.substring(0, stored.indexOf("From: Fleet"));
        assertThat(header).matches("Received: from fleet-7\\.sender\\.test \\(\\[127\\.0\\.1\\.7]\\)\r\n"
                + "\tby mx1\\.gmail\\.test with ESMTP id " + mail.id() + "\r\n"
                + "\tfor <alice@gmail\\.test>; \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000\r\n");
        assertThat(stored.substring(header.length())).isEqualTo(RAW_MESSAGE);
        assertThat(mail.contentAsString()).doesNotContain("Received:");
    }

    @Test
    void sendsSeveralTransactionsOverOneConnection() throws Exception {
        Session session = session("127.0.1.7", "fleet-7.sender.test");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 1; i <= 3; i++) {
                MimeMessage message = message(session, RAW_MESSAGE.replace("exact-1", "exact-" + i));
                transport.sendMessage(message, InternetAddress.parse("user" + i + "@gmail.test"));
            }
        }

        List<ReceivedMail> mails = sink.awaitReceived(3, WAIT);
        assertThat(mails).extracting(m -> m.recipients().getFirst())
                .containsExactly("user1@gmail.test", "user2@gmail.test", "user3@gmail.test");
        assertThat(sink.counters().connections()).isEqualTo(1);
        assertThat(sink.counters().messagesAccepted()).isEqualTo(3);
        List<String> fileNames = mails.stream().map(m -> m.emlFile().orElseThrow().getFileName().toString()).toList();
        assertThat(fileNames).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void answersPipelinedCommandsInOrder() throws Exception {
        sink.useBehaviour(SinkBehaviour.unknownUsers(rcpt -> rcpt.startsWith("nobody@")));
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.11"))) {
            assertThat(client.read().code()).isEqualTo(220);
            client.write("EHLO pipe.sender.test\r\n");
            RawSmtpClient.Reply ehlo = client.read();
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines()).contains("PIPELINING", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "SIZE " + SmtpSinkSettings.DEFAULT_MAX_MESSAGE_SIZE);

            client.write("MAIL FROM:<a@sender.test>\r\nRCPT TO:<b@gmail.test>\r\nRCPT TO:<nobody@gmail.test>\r\n"
                    + "RCPT TO:<c@gmail.test>\r\nDATA\r\n");
            assertThat(List.of(client.read(), client.read(), client.read(), client.read(), client.read()))
                    .extracting(r -> r.code() + " " + r.text().substring(0, 5))
                    .containsExactly("250 2.1.0", "250 2.1.5", "550 5.1.1", "250 2.1.5", "354 end d");

            client.write("Subject: pipelined\r\n\r\nbody\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n");
            assertThat(List.of(client.read(), client.read(), client.read(), client.read()))
                    .extracting(RawSmtpClient.Reply::code).containsExactly(250, 250, 250, 221);
            assertThat(client.read()).isNull();
        }
        ReceivedMail mail = sink.awaitReceived(1, WAIT).getFirst();
        assertThat(mail.recipients()).containsExactly("b@gmail.test", "c@gmail.test");
        assertThat(mail.clientAddress().getHostAddress()).isEqualTo("127.0.1.11");
        assertThat(mail.contentAsString()).isEqualTo("Subject: pipelined\r\n\r\nbody\r\n");
        assertThat(sink.counters().recipientsRejected()).isEqualTo(1);
        assertThat(Files.readString(mail.emlFile().orElseThrow())).doesNotContain("\tfor <");
    }

    @Test
    void unstuffsDotsAndKeepsBareLineFeedsAsContent() throws Exception {
        try (RawSmtpClient client = transactionUpToData("127.0.1.12")) {
            client.write("..one\r\n...two\r\nbare\nfeed\n.\nstill data\r\n.. not the end\r\n.\r\n");
            assertThat(client.read().code()).isEqualTo(250);
        }

        assertThat(sink.awaitReceived(1, WAIT).getFirst().contentAsString())
                .isEqualTo(".one\r\n..two\r\nbare\nfeed\n.\nstill data\r\n. not the end\r\n");
    }

    @Test
    void rejectsAMessageLargerThanTheLimitWith552() throws Exception {
        sink.close();
        sink = SmtpSink.start(SmtpSinkSettings.of("small", new InetSocketAddress("127.0.3.20", 0)).withMaxMessageSize(1000));
        String big = "Subject: big\r\n\r\n" + ("x".repeat(70) + "\r\n").repeat(40);

        SMTPSendFailedException failure = catchThrowableOfType(SMTPSendFailedException.class,
                () -> send(session("127.0.1.7", "fleet-7.sender.test"), big, "alice@gmail.test"));

        assertThat(failure.getReturnCode()).isEqualTo(552);
        assertThat(failure.getMessage()).contains("5.3.4");
        assertThat(sink.received()).isEmpty();
        assertThat(sink.counters().messagesRejected()).isEqualTo(1);
    }

    @Test
    void rejectsOversizeAtEndOfDataWhenNoSizeWasDeclaredAndAtMailFromWhenItWas() throws Exception {
        sink.close();
        sink = SmtpSink.start(SmtpSinkSettings.of("small", new InetSocketAddress("127.0.3.20", 0)).withMaxMessageSize(100));
        try (RawSmtpClient client = transactionUpToData("127.0.1.12")) {
            client.write(("y".repeat(60) + "\r\n").repeat(3) + ".\r\n");
            assertThat(client.read().toString()).startsWith("552 5.3.4");

            assertThat(client.command("MAIL FROM:<a@sender.test> SIZE=101").toString()).startsWith("552 5.3.4");
            assertThat(client.command("MAIL FROM:<a@sender.test> SIZE=100").code()).isEqualTo(250);
        }
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void rejectsAMessageWithALineLongerThan998Octets() throws Exception {
        try (RawSmtpClient client = transactionUpToData("127.0.1.12")) {
            client.write("z".repeat(998) + "\r\n" + "z".repeat(999) + "\r\n.\r\n");
            assertThat(client.read().toString()).startsWith("554 5.6.0");
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void acceptsALineOfExactly998Octets() throws Exception {
        try (RawSmtpClient client = transactionUpToData("127.0.1.12")) {
            client.write("z".repeat(998) + "\r\n.\r\n");
            assertThat(client.read().code()).isEqualTo(250);
        }
        assertThat(sink.awaitReceived(1, WAIT).getFirst().size()).isEqualTo(1000);
    }

    @Test
    void greets421AndClosesForTheNextConnectionsThenServesAgain() throws Exception {
        sink.useBehaviour(SinkBehaviour.tempFailConnections(2));

        for (int i = 0; i < 2; i++) {
            try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.13"))) {
                assertThat(client.read().toString()).isEqualTo("421 4.7.0 try later");
                assertThat(client.read()).isNull();
            }
        }
        MessagingException refused = catchThrowableOfType(MessagingException.class,
                () -> {
                    sink.useBehaviour(SinkBehaviour.tempFailConnections(1));
                    send(session("127.0.1.7", "fleet-7.sender.test"), RAW_MESSAGE, "alice@gmail.test");
                });
        assertThat(refused).hasMessageContaining("421");

        send(session("127.0.1.7", "fleet-7.sender.test"), RAW_MESSAGE, "alice@gmail.test");
        assertThat(sink.awaitReceived(1, WAIT)).hasSize(1);
        assertThat(sink.counters().connectionsRefused()).isEqualTo(3);
        assertThat(sink.counters().connections()).isEqualTo(4);
    }

    @Test
    void greets421ForAPeriodUntilTheBehaviourIsSwapped() throws Exception {
        sink.useBehaviour(SinkBehaviour.tempFailConnectionsFor(Duration.ofHours(1)));
        for (int i = 0; i < 3; i++) {
            try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.13"))) {
                assertThat(client.read().toString()).isEqualTo("421 4.7.0 try later");
            }
        }

        sink.useBehaviour(SinkBehaviour.tempFailConnectionsFor(Duration.ZERO));
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.13"))) {
            assertThat(client.read().code()).isEqualTo(220);
        }
    }

    @Test
    void answers421WhenTheBehaviourItselfFails() throws Exception {
        sink.useBehaviour(new SinkBehaviour() {
            @Override
            public java.util.Optional<SmtpReply> onRecipient(SinkConnection connection, String sender, String recipient) {
                throw new IllegalStateException("broken script");
            }
        });
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.12"))) {
            client.read();
            client.command("EHLO x.test");
            client.command("MAIL FROM:<a@sender.test>");
            assertThat(client.command("RCPT TO:<b@gmail.test>").toString()).startsWith("421 4.3.0").contains("broken script");
            assertThat(client.read()).isNull();
        }
    }

    @Test
    void answers451AndKeepsTheConnectionWhenTheMailFolderCannotBeWritten() throws Exception {
        Path folder = mailRoot.resolve("gmail");
        try (RawSmtpClient client = transactionUpToData("127.0.1.12")) {
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files).isEmpty();
            }
            Files.delete(folder);
            Files.writeString(folder, "a file where the folder was");
            client.write("Subject: lost\r\n\r\nbody\r\n.\r\n");
            assertThat(client.read().toString()).startsWith("451 4.3.0");
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void a554GreetingAnswers503ToEverythingButQuit() throws Exception {
        sink.useBehaviour(SinkBehaviour.rejectConnections(1, SmtpReply.parse("554 5.7.1 no SMTP service here")));
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.13"))) {
            assertThat(client.read().code()).isEqualTo(554);
            assertThat(client.command("EHLO x.test").code()).isEqualTo(503);
            assertThat(client.command("QUIT").code()).isEqualTo(221);
            assertThat(client.read()).isNull();
        }
    }

    @Test
    void rejectsUnknownUsersWith550AndDeliversToTheOthers() throws Exception {
        sink.useBehaviour(SinkBehaviour.unknownUsers(rcpt -> rcpt.startsWith("ghost")));
        Session session = session("127.0.1.7", "fleet-7.sender.test");
        session.getProperties().put("mail.smtp.sendpartial", "true");

        SendFailedException failure = catchThrowableOfType(SendFailedException.class,
                () -> send(session, RAW_MESSAGE, "alice@gmail.test", "ghost@gmail.test"));

        assertThat(failure.getInvalidAddresses()).extracting(Address::toString).containsExactly("ghost@gmail.test");
        assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class, rejected -> {
            assertThat(rejected.getReturnCode()).isEqualTo(550);
            assertThat(rejected.getMessage()).contains("5.1.1 user unknown");
        });
        assertThat(sink.awaitReceived(1, WAIT).getFirst().recipients()).containsExactly("alice@gmail.test");
        assertThat(sink.counters().recipientsRejected()).isEqualTo(1);
    }

    @Test
    void tempFailsMatchingRecipientsWith452() throws Exception {
        sink.useBehaviour(SinkBehaviour.tempFailRecipients(rcpt -> rcpt.equals("full@gmail.test")));
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.12"))) {
            client.read();
            client.command("EHLO x.test");
            client.command("MAIL FROM:<a@sender.test>");
            assertThat(client.command("RCPT TO:<full@gmail.test>").toString()).startsWith("452 4.2.2");
            assertThat(client.command("DATA").toString()).startsWith("554 5.5.1");
        }
    }

    @Test
    void greylistsTheFirstAttemptOfEachMatchingRecipientWith450AndAcceptsTheRetry() throws Exception {
        sink.useBehaviour(SinkBehaviour.greylist(rcpt -> rcpt.startsWith("grey")));
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.13"))) {
            client.read();
            client.command("EHLO x.test");
            client.command("MAIL FROM:<a@sender.test>");
            assertThat(client.command("RCPT TO:<grey@gmail.test>").toString()).startsWith("450 4.2.0");
            assertThat(client.command("RCPT TO:<white@gmail.test>").toString()).startsWith("250");
            assertThat(client.command("RCPT TO:<grey@gmail.test>").toString()).as("the retry").startsWith("250");
        }
    }

    @Test
    void rateLimitsMessagesFromOneSourceAddressWith421AtEndOfData() throws Exception {
        sink.useBehaviour(SinkBehaviour.rateLimit(InetAddress.getByName("127.0.1.8")));

        SMTPSendFailedException limited = catchThrowableOfType(SMTPSendFailedException.class,
                () -> send(session("127.0.1.8", "fleet-8.sender.test"), RAW_MESSAGE, "alice@gmail.test"));
        send(session("127.0.1.9", "fleet-9.sender.test"), RAW_MESSAGE, "alice@gmail.test");

        assertThat(limited.getReturnCode()).isEqualTo(421);
        assertThat(limited.getMessage()).contains("4.7.28");
        assertThat(sink.awaitReceived(1, WAIT)).singleElement()
                .satisfies(m -> assertThat(m.clientAddress().getHostAddress()).isEqualTo("127.0.1.9"));
    }

    @Test
    void behavioursCombineFirstRefusalWins() throws Exception {
        sink.useBehaviour(SinkBehaviour.rejectSenders(s -> s.endsWith("@spammer.test"), SmtpReply.parse("550 5.7.1 go away"))
                .and(SinkBehaviour.unknownUsers(r -> r.startsWith("ghost"))));
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.12"))) {
            client.read();
            client.command("EHLO x.test");
            assertThat(client.command("MAIL FROM:<x@spammer.test>").code()).isEqualTo(550);
            assertThat(client.command("MAIL FROM:<x@sender.test>").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<ghost@gmail.test>").code()).isEqualTo(550);
            assertThat(client.command("RCPT TO:<alice@gmail.test>").code()).isEqualTo(250);
        }
    }

    @Test
    void acceptsSmtpUtf8AddressesOnlyWhenTheClientAsksForSmtpUtf8() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.12"))) {
            client.read();
            client.command("EHLO x.test");
            assertThat(client.command("MAIL FROM:<jörg@sender.test>").toString()).startsWith("553 5.6.7");
            assertThat(client.command("MAIL FROM:<jörg@sender.test> SMTPUTF8 BODY=8BITMIME SIZE=20").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<zoë@gmail.test>").code()).isEqualTo(250);
            assertThat(client.command("DATA").code()).isEqualTo(354);
            client.write("Subject: ü\r\n\r\nß\r\n.\r\n");
            assertThat(client.read().code()).isEqualTo(250);
        }
        ReceivedMail mail = sink.awaitReceived(1, WAIT).getFirst();
        assertThat(mail.mailFrom()).isEqualTo("jörg@sender.test");
        assertThat(mail.recipients()).containsExactly("zoë@gmail.test");
        assertThat(mail.mailParameters()).containsEntry("SMTPUTF8", "").containsEntry("BODY", "8BITMIME").containsEntry("SIZE", "20");
        assertThat(Files.readString(mail.emlFile().orElseThrow())).contains("with UTF8ESMTP id");
    }

    @Test
    void answersTheSmallCommandsAndRefusesWhatItDoesNotOffer() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.12"))) {
            client.read();
            assertThat(client.command("MAIL FROM:<a@sender.test>").toString()).startsWith("503 5.5.1");
            assertThat(client.command("HELO old.sender.test").toString()).isEqualTo("250 mx1.gmail.test");
            assertThat(client.command("VRFY alice").code()).isEqualTo(252);
            assertThat(client.command("HELP").code()).isEqualTo(214);
            assertThat(client.command("NOOP").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<alice@gmail.test>").toString()).startsWith("503 5.5.1");
            assertThat(client.command("MAIL FROM:<>").code()).isEqualTo(250);
            assertThat(client.command("MAIL FROM:<a@sender.test>").code()).isEqualTo(503);
            assertThat(client.command("RSET").code()).isEqualTo(250);
            assertThat(client.command("MAIL FROM:<a@sender.test> NOTIFY=NEVER").code()).isEqualTo(555);
            assertThat(client.command("MAIL FROM:a@sender.test").code()).isEqualTo(501);
            assertThat(client.command("STARTTLS").code()).isEqualTo(502);
            assertThat(client.command("BOGUS").code()).isEqualTo(500);
            assertThat(client.command("QUIT").code()).isEqualTo(221);
        }
    }

    @Test
    void closesAnIdleConnectionWith421AfterTheCommandTimeout() throws Exception {
        sink.close();
        sink = SmtpSink.start(SmtpSinkSettings.of("slow", new InetSocketAddress("127.0.3.20", 0))
                .withCommandTimeout(Duration.ofMillis(200)));
        try (RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName("127.0.1.12"))) {
            assertThat(client.read().code()).isEqualTo(220);
            assertThat(client.read().toString()).startsWith("421 4.4.2");
            assertThat(client.read()).isNull();
        }
    }

    @Test
    void servesManyConcurrentConnectionsFromDistinctSourceAddresses() throws Exception {
        int senders = 40;
        List<Callable<Void>> sends = new ArrayList<>();
        for (int i = 1; i <= senders; i++) {
            String source = "127.0.1." + (100 + i);
            sends.add(() -> {
                send(session(source, "fleet.sender.test"), RAW_MESSAGE, "alice@gmail.test");
                return null;
            });
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Void> done : pool.invokeAll(sends)) {
                done.get();
            }
        }

        List<ReceivedMail> mails = sink.awaitReceived(senders, WAIT);
        assertThat(mails).extracting(m -> m.clientAddress().getHostAddress()).doesNotHaveDuplicates().hasSize(senders);
        try (Stream<Path> files = Files.list(mailRoot.resolve("gmail"))) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(senders).allMatch(n -> n.endsWith(".eml"));
        }
    }

    @Test
    void awaitReceivedSaysHowManyArrivedWhenTooFewDid() {
        assertThatThrownBy(() -> sink.awaitReceived(1, Duration.ofMillis(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("received 0 of 1");
    }

    private RawSmtpClient transactionUpToData(String source) throws IOException {
        RawSmtpClient client = new RawSmtpClient(sink.address(), InetAddress.getByName(source));
        client.read();
        client.command("EHLO raw.sender.test");
        client.command("MAIL FROM:<a@sender.test>");
        client.command("RCPT TO:<b@gmail.test>");
        assertThat(client.command("DATA").code()).isEqualTo(354);
        return client;
    }

    private Session session(String sourceAddress, String heloName) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", sink.address().getAddress().getHostAddress());
        properties.put("mail.smtp.port", String.valueOf(sink.address().getPort()));
        properties.put("mail.smtp.localaddress", sourceAddress);
        properties.put("mail.smtp.localhost", heloName);
        properties.put("mail.smtp.from", "bounces@sender.test");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        return Session.getInstance(properties);
    }

    private static MimeMessage message(Session session, String raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** sendMessage, not Transport.send: no saveChanges, so the bytes on the wire are the parsed bytes. */
    private static void send(Session session, String raw, String... recipients) throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            List<InternetAddress> to = new ArrayList<>();
            for (String recipient : recipients) {
                to.add(new InternetAddress(recipient));
            }
            transport.sendMessage(message(session, raw), to.toArray(new Address[0]));
        }
    }
}
