package com.emailengine.fleet.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import com.emailengine.adapters.ledger.DeliveryLedger;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.dkim.DkimVerification;
import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.emulators.internet.ReceivedMail;
import com.emailengine.emulators.internet.SinkBehaviour;
import com.emailengine.fleet.LocalDeliveryPath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OutboundDelivery} with its real collaborators (ledger in DynamoDB, DKIM signer, MX lookup in the
 * local DNS, SMTP to the local sinks, events on SQS), one message at a time, each test with recipients
 * of its own.
 */
@ExtendWith(SharedEmulators.class)
class OutboundDeliveryTest {

    private static final Duration LEASE = Duration.ofMinutes(3);

    @TempDir
    static Path keys;
    private static LocalDeliveryPath path;
    private static OutboundDelivery delivery;

    @BeforeAll
    static void start(LocalEmulators emulators) throws IOException {
        path = LocalDeliveryPath.start(emulators, "delivery", keys);
        delivery = path.delivery("node-a", LEASE);
    }

    @AfterEach
    void heal() {
        path.healSinks();
    }

    @AfterAll
    static void stop() {
        path.close();
    }

    @Test
    void deliversOnceToTheSinkTheMxNamesFromAPoolAddressWithSignaturesThatVerify() {
        OutboundMessage message = path.message(TestTenants.ALPHA, "first@googlemail.test");

        Disposition disposition = delivery.process(message);

        assertThat(disposition).isEqualTo(new Disposition.Delete());
        ReceivedMail mail = single(path.receivedBy("first@googlemail.test"));
        Tenant alpha = path.tenant(TestTenants.ALPHA);
        assertThat(mail.sinkName()).isEqualTo("gmail");
        assertThat(mail.mailFrom()).isEqualTo(message.returnPath());
        assertThat(alpha.pool().contains(mail.clientAddress().getHostAddress())).as("source %s in alpha's pool", mail.clientAddress())
                .isTrue();
        SendingAddress source = alpha.pool().addresses().stream()
                .filter(a -> a.address().equals(mail.clientAddress())).findFirst().orElseThrow();
        assertThat(mail.heloName()).isEqualTo(source.ehloName());
        assertThat(mail.contentAsString()).contains("Message-ID: <" + message.id() + "@alpha.test>");
        List<DkimVerification> signatures = path.dkimVerifier().verify(mail.content());
        assertThat(signatures).extracting(DkimVerification::algorithm).containsExactlyInAnyOrder("rsa-sha256", "ed25519-sha256");
        assertThat(signatures).allSatisfy(s -> assertThat(s.passed()).as("%s", s).isTrue())
                .allSatisfy(s -> assertThat(s.domain()).isEqualTo("alpha.test"));
        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(event.eventId()).isEqualTo(message.id() + ":1:delivered");
            assertThat(event.attempt()).isEqualTo(1);
            assertThat(event.sourceIp()).isEqualTo(source.ip());
            assertThat(event.mxHost()).isEqualTo("mx1.googlemail.test");
            assertThat(event.smtpReply()).startsWith("250");
            assertThat(event.recipient()).isEqualTo(message.recipient());
            assertThat(event.contactId()).isEqualTo(message.contactId());
        });
    }

    @Test
    void processingTheSameMessageTwiceSendsOneSmtpMessageAndPublishesTheFinalEventAgain() {
        OutboundMessage message = path.message(TestTenants.BETA, "twice@outlook.test");

        Disposition first = delivery.process(message);
        Disposition second = delivery.process(message);

        assertThat(first).isEqualTo(new Disposition.Delete());
        assertThat(second).isEqualTo(new Disposition.Delete());
        assertThat(path.receivedBy("twice@outlook.test")).hasSize(1);
        List<DeliveryEvent> events = path.eventsOf(message.id());
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(DeliveryOutcome.DELIVERED));
        assertThat(events.get(1)).isEqualTo(events.get(0));
    }

    @Test
    void aGreetingOf421DefersWithTheRetryDelayAndTheNextAttemptDeliversOnceTheSinkRecovers() {
        path.sink("yahoo").useBehaviour(SinkBehaviour.rejectConnections(Integer.MAX_VALUE, SinkBehaviour.TRY_LATER));
        OutboundMessage message = path.message(TestTenants.ALPHA, "later@yahoo.test");

        Disposition deferred = delivery.process(message);
        path.sink("yahoo").useBehaviour(SinkBehaviour.acceptAll());
        Disposition delivered = delivery.process(message);

        assertThat(deferred).isEqualTo(new Disposition.RetryAfter(LocalDeliveryPath.RETRY.firstDelay()));
        assertThat(delivered).isEqualTo(new Disposition.Delete());
        assertThat(path.receivedBy("later@yahoo.test")).hasSize(1);
        List<DeliveryEvent> events = path.eventsOf(message.id());
        assertThat(events).extracting(DeliveryEvent::outcome, DeliveryEvent::attempt).containsExactly(
                tuple(DeliveryOutcome.DEFERRED, 1),
                tuple(DeliveryOutcome.DELIVERED, 2));
        assertThat(events.getFirst().smtpReply()).isEqualTo("421 4.7.0 try later");
        assertThat(events.getFirst().mxHost()).isEqualTo("mx1.yahoo.test");
    }

    @Test
    void aRecipientRefusedWith550BouncesWithTheReplyText() {
        path.sink("outlook").useBehaviour(SinkBehaviour.unknownUsers(to -> to.startsWith("ghost")));
        OutboundMessage message = path.message(TestTenants.ALPHA, "ghost@hotmail.test");

        Disposition disposition = delivery.process(message);

        assertThat(disposition).isEqualTo(new Disposition.Delete());
        assertThat(path.receivedBy("ghost@hotmail.test")).isEmpty();
        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.BOUNCED);
            assertThat(event.smtpReply()).isEqualTo("550 5.1.1 user unknown");
            assertThat(event.mxHost()).isEqualTo("mx1.hotmail.test");
        });
    }

    @Test
    void aNullMxDomainBouncesWith556WithoutAConnection() {
        OutboundMessage message = path.message(TestTenants.ALPHA, "anyone@" + LocalDeliveryPath.NULL_MX_DOMAIN);

        assertThat(delivery.process(message)).isEqualTo(new Disposition.Delete());

        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.BOUNCED);
            assertThat(event.smtpReply()).startsWith("556 5.1.10 ");
            assertThat(event.sourceIp()).isNull();
        });
    }

    @Test
    void aDomainThatDoesNotExistBounces() {
        OutboundMessage message = path.message(TestTenants.BETA, "anyone@" + LocalDeliveryPath.NXDOMAIN_DOMAIN);

        assertThat(delivery.process(message)).isEqualTo(new Disposition.Delete());

        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.BOUNCED);
            assertThat(event.smtpReply()).startsWith("550 5.1.2 ").contains("nxdomain");
        });
    }

    @Test
    void aDnsTimeoutDefers() {
        OutboundMessage message = path.message(TestTenants.ALPHA, "anyone@" + LocalDeliveryPath.SLOW_DOMAIN);

        Disposition disposition = delivery.process(message);

        assertThat(disposition).isEqualTo(new Disposition.RetryAfter(LocalDeliveryPath.RETRY.firstDelay()));
        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.DEFERRED);
            assertThat(event.smtpReply()).startsWith("451 4.4.3 ").contains("dns_timeout");
        });
    }

    @Test
    void aMessageOlderThanTheRetryMaxAgeExpiresWithoutAConnection() {
        OutboundMessage message = path.message(TestTenants.ALPHA, "stale@example.test",
                Instant.now().minus(LocalDeliveryPath.RETRY.maxAge()).minusSeconds(60));
        long connectionsBefore = path.sink("example").counters().connections();

        assertThat(delivery.process(message)).isEqualTo(new Disposition.Delete());

        assertThat(path.sink("example").counters().connections()).isEqualTo(connectionsBefore);
        assertThat(path.eventsOf(message.id())).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(DeliveryOutcome.EXPIRED));
    }

    @Test
    void aMessageClaimedByAnotherNodeWithALiveLeaseIsLeftToThatNode() {
        OutboundMessage message = path.message(TestTenants.ALPHA, "held@gmail.test");
        Instant claimedAt = Instant.now();
        DeliveryLedger.Claim other = path.ledger().claim(message.id(), "node-b", claimedAt, LEASE);

        Disposition disposition = delivery.process(message);

        assertThat(other.status()).isEqualTo(DeliveryLedger.ClaimStatus.CLAIMED);
        assertThat(disposition).isInstanceOfSatisfying(Disposition.HeldElsewhere.class, held -> assertThat(held.delay())
                .isGreaterThan(Duration.ofMinutes(2)).isLessThanOrEqualTo(LEASE.plusSeconds(1)));
        assertThat(path.receivedBy("held@gmail.test")).isEmpty();
        assertThat(path.eventsOf(message.id())).isEmpty();
    }

    @Test
    void aMessageWhoseLeaseRanOutIsTakenOverAndDelivered() {
        OutboundMessage message = path.message(TestTenants.ALPHA, "takeover@gmail.test");
        path.ledger().claim(message.id(), "node-b", Instant.now().minus(LEASE).minusSeconds(1), LEASE);

        Disposition disposition = delivery.process(message);

        assertThat(disposition).isEqualTo(new Disposition.Delete());
        assertThat(path.receivedBy("takeover@gmail.test")).hasSize(1);
        assertThat(path.eventsOf(message.id())).singleElement()
                .satisfies(event -> assertThat(event.eventId()).isEqualTo(message.id() + ":2:delivered"));
    }

    @Test
    void fallsBackToTheNextMxWhenThePreferredOneCannotBeReached() {
        OutboundMessage message = path.message(TestTenants.ALPHA, "backup@" + LocalDeliveryPath.BACKUP_MX_DOMAIN);

        assertThat(delivery.process(message)).isEqualTo(new Disposition.Delete());

        assertThat(single(path.receivedBy(message.recipient())).sinkName()).isEqualTo("example");
        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(event.mxHost()).isEqualTo("mx1.example.test");
        });
    }

    @Test
    void aTemporaryRefusalAtRcptDefers() {
        path.sink("gmail").useBehaviour(SinkBehaviour.tempFailRecipients(to -> to.startsWith("full")));
        OutboundMessage message = path.message(TestTenants.BETA, "full@gmail.test");

        assertThat(delivery.process(message)).isEqualTo(new Disposition.RetryAfter(LocalDeliveryPath.RETRY.firstDelay()));

        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.DEFERRED);
            assertThat(event.smtpReply()).isEqualTo("452 4.2.2 mailbox full, try again later");
        });
    }

    @Test
    void aRefusalAtTheEndOfDataBouncesWithTheReplyText() {
        path.sink("yahoo").useBehaviour(SinkBehaviour.rejectMessagesFrom(client -> true,
                SmtpReply.of(554, "5.7.1 message refused")));
        OutboundMessage message = path.message(TestTenants.ALPHA, "refused@yahoo.test");

        assertThat(delivery.process(message)).isEqualTo(new Disposition.Delete());

        assertThat(path.receivedBy(message.recipient())).isEmpty();
        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.BOUNCED);
            assertThat(event.smtpReply()).isEqualTo("554 5.7.1 message refused");
        });
    }

    @Test
    void aRecipientWithAUtf8LocalPartIsDeliveredWithSmtpUtf8AndAValidSignature() {
        OutboundMessage message = path.message(TestTenants.ALPHA, "zoë.müller@gmail.test");

        Disposition disposition = delivery.process(message);

        assertThat(path.eventsOf(message.id())).singleElement()
                .satisfies(event -> assertThat(event.outcome()).as(event.smtpReply()).isEqualTo(DeliveryOutcome.DELIVERED));
        assertThat(disposition).isEqualTo(new Disposition.Delete());
        ReceivedMail mail = single(path.receivedBy("zoë.müller@gmail.test"));
        assertThat(mail.mailParameters()).containsKey("SMTPUTF8");
        assertThat(mail.contentAsString()).contains("To: zoë.müller@gmail.test\r\n");
        assertThat(path.dkimVerifier().verify(mail.content())).isNotEmpty().allSatisfy(s -> assertThat(s.passed()).as("%s", s).isTrue());
    }

    @Test
    void anUnusableRecipientAddressBouncesInsteadOfFailingEveryAttempt() {
        OutboundMessage message = path.message(TestTenants.BETA, "two@ats@gmail.test");

        assertThat(delivery.process(message)).isEqualTo(new Disposition.Delete());

        assertThat(path.eventsOf(message.id())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(DeliveryOutcome.BOUNCED);
            assertThat(event.smtpReply()).startsWith("553 5.1.3 ").contains("multiple_at");
        });
        assertThat(path.ledger().claim(message.id(), "node-b", Instant.now(), LEASE).status())
                .isEqualTo(DeliveryLedger.ClaimStatus.FINISHED);
    }

    private static ReceivedMail single(List<ReceivedMail> mails) {
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }
}
