package com.emailengine.core.feedback;

import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.delivery.DeliveryEvent;

/**
 * Applies the fleet's delivery events to contacts: a delivery marks the contact sent, a hard bounce
 * marks it bounced and a complaint complained (no more mail either way). Deferrals change nothing on the contact. Idempotent per event id.
 * Thread-safe.
 */
public final class DeliveryFeedback {

    private final ContactStore contacts;

    public DeliveryFeedback(ContactStore contacts) {
        this.contacts = contacts;
    }

    /** @return true when the contact's status changed */
    public boolean apply(DeliveryEvent event) {
        ContactStatus status = switch (event.outcome()) {
            case DELIVERED -> ContactStatus.SENT;
            case BOUNCED -> ContactStatus.BOUNCED;
            case COMPLAINED -> ContactStatus.COMPLAINED;
            case DEFERRED, EXPIRED -> null;
        };
        if (status == null) {
            return false;
        }
        String reason = event.outcome().wireName() + " " + event.messageId() + " from " + event.sourceIp() + " via "
                + event.mxHost() + ": " + event.smtpReply();
        return contacts.changeStatus(event.tenantId(), new EmailHash(event.contactId()), status, reason, event.eventId(),
                event.at());
    }
}
