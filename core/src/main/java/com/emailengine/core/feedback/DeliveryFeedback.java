package com.emailengine.core.feedback;

import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.smtp.ReplyClass;
import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.core.smtp.SmtpReplyClassifier;
import com.emailengine.core.smtp.SmtpStage;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.suppression.SuppressionList;
import java.util.Optional;

/**
 * Applies the fleet's delivery events to contacts: a delivery marks the contact sent, a hard bounce
 * marks it bounced and a complaint complained (no more mail either way). It also keeps the suppression lists:
 * a bounce that says the mailbox or domain does not exist (enhanced status 5.1.x, RFC 3463) suppresses the
 * address for every tenant, since a bad address costs every tenant's IPs; a complaint suppresses it for the
 * tenant complained about. Other permanent refusals (policy 5.7.x, a full mailbox, the message's size) end
 * this contact's mail but say nothing about the address. Idempotent per event id. Thread-safe.
 */
public final class DeliveryFeedback {

    private final ContactStore contacts;
    private final SuppressionList suppressions;

    public DeliveryFeedback(ContactStore contacts, SuppressionList suppressions) {
        this.contacts = contacts;
        this.suppressions = suppressions;
    }

    /** @return true when the contact's status changed */
    public boolean apply(DeliveryEvent event) {
        if (OutboundMessage.TEST_SEND_CAMPAIGN.equals(event.campaignId())) {
            // A test-send's recipient is an operator's mailbox, not a contact: nothing to mark, nothing to suppress.
            return false;
        }
        ContactStatus status = switch (event.outcome()) {
            case DELIVERED -> ContactStatus.SENT;
            case BOUNCED -> ContactStatus.BOUNCED;
            case COMPLAINED -> ContactStatus.COMPLAINED;
            case DEFERRED, EXPIRED -> null;
        };
        if (status == null) {
            return false;
        }
        suppression(event).ifPresent(suppressions::add);
        String reason = event.outcome().wireName() + " " + event.messageId() + " from " + event.sourceIp() + " via "
                + event.mxHost() + ": " + event.smtpReply();
        return contacts.changeStatus(event.tenantId(), new EmailHash(event.contactId()), status, reason, event.eventId(),
                event.at());
    }

    /** The suppression an event calls for, if any. */
    static Optional<Suppression> suppression(DeliveryEvent event) {
        EmailHash id = new EmailHash(event.contactId());
        if (event.outcome() == DeliveryOutcome.COMPLAINED) {
            return Optional.of(new Suppression(event.tenantId(), id, "complained", event.eventId(), event.at()));
        }
        // A bounce event comes from the recipient's or the message's stage (a refused sender defers instead).
        if (event.outcome() == DeliveryOutcome.BOUNCED && event.smtpReply() != null && SmtpReplyClassifier.classify(
                SmtpReply.fromRecord(event.smtpReply()), SmtpStage.RECIPIENT) == ReplyClass.BAD_ADDRESS) {
            return Optional.of(new Suppression(SuppressionList.GLOBAL, id, "hard_bounce", event.eventId(), event.at()));
        }
        return Optional.empty();
    }
}
