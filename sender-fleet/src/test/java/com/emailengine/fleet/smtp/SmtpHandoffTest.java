package com.emailengine.fleet.smtp;

import com.emailengine.core.dns.MailHost;
import com.emailengine.core.smtp.ReplyClass;
import com.emailengine.core.smtp.SmtpStage;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.throttle.TlsPolicy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** The SMTP transaction as a receiving server sees it, against a scripted server on loopback. */
class SmtpHandoffTest {

    private static final String MESSAGE = "Subject: hello\r\nDKIM-Signature: v=1; d=x.test\r\n\r\n.a line with a dot\r\nbody\r\n";
    private static final Duration QUIET = Duration.ofMillis(500);

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private final SmtpHandoff handoff = new SmtpHandoff();

    @AfterEach
    void stopWatchdog() {
        watchdog.shutdownNow();
    }

    @Test
    void sendsMailRcptAndDataWithoutWaitingWhenTheServerOffersPipelining() throws Exception {
        String[] commands = new String[3];
        String[] content = new String[1];
        boolean[] pipelined = new boolean[1];
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(peer -> {
            greet(peer, "250-PIPELINING", "250-SIZE 10000000", "250 8BITMIME");
            commands[0] = peer.line();
            pipelined[0] = peer.writesWithin(Duration.ofSeconds(2));
            commands[1] = peer.line();
            commands[2] = peer.line();
            peer.reply("250 2.1.0 ok", "250 2.1.5 ok", "354 go ahead");
            content[0] = peer.content();
            peer.reply("250 2.0.0 queued as A1");
        })) {
            HostReply reply = deliver(server, "user@mx.test");
            server.awaitScript();

            assertTrue(pipelined[0], "RCPT followed MAIL before the server replied");
            assertEquals("MAIL FROM:<bounce@x.test> SIZE=" + MESSAGE.length(), commands[0]);
            assertEquals("RCPT TO:<user@mx.test>", commands[1]);
            assertEquals("DATA", commands[2]);
            assertEquals(MESSAGE.replace("\r\n.a line", "\r\n..a line"), content[0], "dot-stuffed, otherwise unchanged");
            assertEquals(250, reply.code());
            assertEquals(SmtpStage.DATA, reply.stage());
            assertEquals("250 2.0.0 queued as A1", reply.reply().toString());
        }
    }

    @Test
    void waitsForEachReplyWhenTheServerDoesNotOfferPipelining() throws Exception {
        boolean[] wroteAhead = new boolean[2];
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(peer -> {
            greet(peer, "250 SIZE 10000000");
            peer.line();
            wroteAhead[0] = peer.writesWithin(QUIET);
            peer.reply("250 2.1.0 ok");
            peer.line();
            wroteAhead[1] = peer.writesWithin(QUIET);
            peer.reply("250 2.1.5 ok");
            assertEquals("DATA", peer.line());
            peer.reply("354 go ahead");
            peer.content();
            peer.reply("250 2.0.0 queued");
        })) {
            HostReply reply = deliver(server, "user@mx.test");
            server.awaitScript();

            assertFalse(wroteAhead[0], "RCPT came before the reply to MAIL");
            assertFalse(wroteAhead[1], "DATA came before the reply to RCPT");
            assertEquals(250, reply.code());
        }
    }

    @Test
    void aRefusedRecipientInAPipelinedGroupIsARecipientFailureAndNoContentIsSent() throws Exception {
        String[] after = new String[1];
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(peer -> {
            answerGroup(peer, "250 2.1.0 ok", "550 5.1.1 no such user", "554 5.5.1 no valid recipients");
            after[0] = peer.lineOrEnd();
        })) {
            HostReply reply = deliver(server, "nobody@mx.test");
            server.awaitScript();

            assertEquals(550, reply.code());
            assertEquals(SmtpStage.RECIPIENT, reply.stage());
            assertEquals("5.1.1", reply.reply().enhanced());
            assertTrue(after[0] == null || after[0].equals("QUIT"), "no content after a refused group, got " + after[0]);
        }
    }

    @Test
    void aServerThatAcceptsDataAfterRefusingTheSenderGetsAnEmptyMessageEnded() throws Exception {
        String[] after = new String[1];
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(peer -> {
            answerGroup(peer, "550 5.7.1 sender refused", "503 5.5.1 MAIL first", "354 go ahead");
            after[0] = peer.line();
            peer.reply("554 5.5.1 no valid recipients");
        })) {
            HostReply reply = deliver(server, "user@mx.test");
            server.awaitScript();

            assertEquals(".", after[0], "RFC 2920 3.1: the empty message is ended at once");
            assertEquals(550, reply.code());
            assertEquals(SmtpStage.SENDER, reply.stage());
        }
    }

    @Test
    void aServerThatRefusesThePipelinedGroupAndClosesLeavesItsRefusalAsTheOutcome() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(peer -> {
            greet(peer, "250 PIPELINING");
            peer.line();
            peer.reply("421 4.7.0 too many messages from your IP, closing");
            // and the connection closes without a reply to RCPT or DATA
        })) {
            HostReply reply = deliver(server, "user@mx.test");
            server.awaitScript();

            assertEquals(421, reply.code());
            assertEquals(SmtpStage.SENDER, reply.stage());
            assertTrue(reply.replyClass() == ReplyClass.THROTTLED, "a 421 is the provider asking this IP to slow down");
        }
    }

    @Test
    void aReusedConnectionTheServerDroppedIsReopenedAndTheMessageSentOnTheNewOne() throws Exception {
        String[] secondConnection = new String[1];
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(peer -> {
            greet(peer, "250 PIPELINING");
            transaction(peer);
            // then the server drops the idle connection without a word
        }, peer -> {
            greet(peer, "250 PIPELINING");
            secondConnection[0] = transaction(peer);
        })) {
            SmtpChannel channel = new SmtpChannel(source(), server.port(), Duration.ofSeconds(5), watchdog);
            HostReply first = handoff.deliver(channel, hosts(), envelope("one@mx.test"), Instant.now().plusSeconds(10));
            Thread.sleep(200);
            HostReply second = handoff.deliver(channel, hosts(), envelope("two@mx.test"), Instant.now().plusSeconds(10));
            channel.close();
            server.awaitScript();

            assertEquals(250, first.code());
            assertEquals(250, second.code());
            assertEquals("RCPT TO:<two@mx.test>", secondConnection[0]);
        }
    }

    @Test
    void contentIsDotStuffedWithCrlfLineEndsAndEndsWithTheDotLine() {
        byte[] stuffed = PipeliningTransport.dotStuffed(".first\nsecond\r\n.\r\nlast".getBytes(StandardCharsets.US_ASCII));

        assertEquals("..first\r\nsecond\r\n..\r\nlast\r\n.\r\n", new String(stuffed, StandardCharsets.US_ASCII));
    }

    /** Greets offering PIPELINING, takes the MAIL, RCPT and DATA group, and answers it with these three replies. */
    private static void answerGroup(ScriptedSmtpServer.Peer peer, String... replies) throws Exception {
        greet(peer, "250 PIPELINING");
        peer.line();
        peer.line();
        peer.line();
        peer.reply(replies);
    }

    /** One transaction; returns its RCPT line. */
    private static String transaction(ScriptedSmtpServer.Peer peer) throws Exception {
        peer.line();
        String rcpt = peer.line();
        peer.line();
        peer.reply("250 ok", "250 ok", "354 go ahead");
        peer.content();
        peer.reply("250 queued");
        return rcpt;
    }

    private static void greet(ScriptedSmtpServer.Peer peer, String... extensions) throws Exception {
        peer.reply("220 mx.test ESMTP");
        String ehlo = peer.line();
        assertEquals("EHLO mta1.x.test", ehlo);
        String[] lines = new String[extensions.length + 1];
        lines[0] = (extensions.length == 0 ? "250 " : "250-") + "mx.test";
        System.arraycopy(extensions, 0, lines, 1, extensions.length);
        peer.reply(lines);
    }

    private HostReply deliver(ScriptedSmtpServer server, String recipient) {
        try (SmtpChannel channel = new SmtpChannel(source(), server.port(), Duration.ofSeconds(5), watchdog)) {
            return handoff.deliver(channel, hosts(), envelope(recipient), Instant.now().plusSeconds(10));
        }
    }

    private static SmtpHandoff.Envelope envelope(String recipient) {
        return new SmtpHandoff.Envelope("bounce@x.test", recipient, MESSAGE.getBytes(StandardCharsets.US_ASCII),
                TlsPolicy.OPPORTUNISTIC, 100);
    }

    private static List<MailHost> hosts() {
        return List.of(new MailHost("mx.test", 10, List.of(InetAddress.getLoopbackAddress())));
    }

    private static SendingAddress source() {
        return new SendingAddress(InetAddress.getLoopbackAddress(), "mta1.x.test");
    }
}
