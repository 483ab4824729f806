package com.emailengine.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.contact.InMemoryContactStore;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.suppression.InMemorySuppressionList;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.suppression.SuppressionList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryFeedbackSuppressionTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    private static DeliveryEvent event(DeliveryOutcome outcome, String reply) {
        return new DeliveryEvent("m1:1:" + outcome.wireName(), "m1", "sos-expat", "ab12", "welcome", 0, 1, outcome,
                "zoe@gmail.test", "127.0.1.1", "mx1.gmail.test", reply, AT);
    }

    @Test
    void aMailboxThatDoesNotExistIsSuppressedForEveryTenant() {
        assertThat(DeliveryFeedback.suppression(event(DeliveryOutcome.BOUNCED, "550 5.1.1 <zoe@gmail.test>: user unknown")))
                .contains(new Suppression(SuppressionList.GLOBAL, new com.emailengine.core.contact.EmailHash("ab12"), "hard_bounce",
                        "m1:1:bounced", AT));
        assertThat(DeliveryFeedback.suppression(event(DeliveryOutcome.BOUNCED, "556 5.1.10 example.test does not accept mail (null MX)")))
                .map(Suppression::scope).contains(SuppressionList.GLOBAL);
    }

    @Test
    void aRefusalThatSaysNothingAboutTheAddressSuppressesNothing() {
        assertThat(DeliveryFeedback.suppression(event(DeliveryOutcome.BOUNCED, "550 5.7.1 message refused by policy"))).isEmpty();
        assertThat(DeliveryFeedback.suppression(event(DeliveryOutcome.BOUNCED, "552 5.2.2 mailbox full"))).isEmpty();
        assertThat(DeliveryFeedback.suppression(event(DeliveryOutcome.BOUNCED, "550 15.1.1 not an enhanced status"))).isEmpty();
        assertThat(DeliveryFeedback.suppression(event(DeliveryOutcome.DELIVERED, "250 2.0.0 5.1.1 in the text"))).isEmpty();
    }

    @Test
    void aComplaintSuppressesTheAddressForTheTenantComplainedAbout() {
        assertThat(DeliveryFeedback.suppression(event(DeliveryOutcome.COMPLAINED, "feedback report raw/r1.eml")))
                .map(Suppression::scope).isEqualTo(Optional.of("sos-expat"));
    }

    @Test
    void aTestSendsBounceMarksNoContactAndWritesNoSuppression() {
        InMemorySuppressionList suppressions = new InMemorySuppressionList();
        InMemoryContactStore contacts = new InMemoryContactStore();
        DeliveryEvent bounced = new DeliveryEvent("t1:1:bounced", "t1", "sos-expat", "test", OutboundMessage.TEST_SEND_CAMPAIGN,
                0, 1, DeliveryOutcome.BOUNCED, "ops@gmail.test", "127.0.1.1", "mx1.gmail.test", "550 5.1.1 user unknown", AT);

        boolean changed = new DeliveryFeedback(contacts, suppressions).apply(bounced);

        assertThat(changed).isFalse();
        assertThat(suppressions.suppressed("sos-expat", List.of(new EmailHash("test")))).isEmpty();
        assertThat(suppressions.suppressed(SuppressionList.GLOBAL, List.of(new EmailHash("test")))).isEmpty();
    }

}
