package com.emailengine.fleet.bounces;

import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryEventSink;
import com.emailengine.core.delivery.DeliveryOutcome;
import java.time.Clock;

/**
 * Turns a verified complaint ({@link ComplaintVerifier}) into a {@code complained} event on the events queue, where
 * the delivery-events function marks the contact complained (no campaign step mails it again), as it marks a bounced
 * one. The delivery the complaint is about names its tenant, contact and campaign. One event id per message, whatever
 * the number of reports.
 */
public final class ComplaintEvents {

    private final DeliveryEventSink events;
    private final Clock clock;

    public ComplaintEvents(DeliveryEventSink events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public DeliveryEvent publish(DeliveryEvent original, BounceListener.Complaint complaint) {
        DeliveryEvent complained = new DeliveryEvent(original.messageId() + ":complaint", original.messageId(),
                original.tenantId(), original.contactId(), original.campaignId(), original.step(), original.attempt(),
                DeliveryOutcome.COMPLAINED, original.recipient(), original.sourceIp(), original.mxHost(),
                "feedback report " + complaint.report(), clock.instant());
        events.publish(complained);
        return complained;
    }
}
