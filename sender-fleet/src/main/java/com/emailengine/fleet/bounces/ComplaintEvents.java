package com.emailengine.fleet.bounces;

import com.emailengine.adapters.ledger.DeliveryLedger;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryEventSink;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.json.Json;
import java.time.Clock;
import java.util.Optional;

/**
 * Turns a complaint into a {@code complained} event on the events queue, where the delivery-events function
 * marks the contact complained (no campaign step mails it again), as it marks a bounced one. The report's copy
 * of our Message-ID names the message; the message's last event in the ledger names its tenant, contact and
 * campaign. A report that names no message of ours (providers may strip it), or a message of another tenant
 * than the return-path domain that received the report, yields nothing. One event per message, whatever the
 * number of reports.
 */
public final class ComplaintEvents {

    private final DeliveryLedger ledger;
    private final DeliveryEventSink events;
    private final Clock clock;

    public ComplaintEvents(DeliveryLedger ledger, DeliveryEventSink events, Clock clock) {
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** @return the event published, if the complaint named a message of its tenant */
    public Optional<DeliveryEvent> publish(BounceListener.Complaint complaint) {
        Optional<DeliveryEvent> sent = complaint.originalMessageId().map(ComplaintEvents::ledgerKey)
                .flatMap(ledger::lastEventJson).map(json -> Json.read(json, DeliveryEvent.class))
                .filter(event -> event.tenantId().equals(complaint.tenantId()));
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        DeliveryEvent original = sent.get();
        DeliveryEvent complained = new DeliveryEvent(original.messageId() + ":complaint", original.messageId(),
                original.tenantId(), original.contactId(), original.campaignId(), original.step(), original.attempt(),
                DeliveryOutcome.COMPLAINED, original.recipient(), original.sourceIp(), original.mxHost(),
                "feedback report " + complaint.report(), clock.instant());
        events.publish(complained);
        return Optional.of(complained);
    }

    /** Our Message-IDs are {@code <message-id@sending-domain>}; the ledger is keyed by the part before the @. */
    private static String ledgerKey(String messageIdHeader) {
        int at = messageIdHeader.lastIndexOf('@');
        return at < 0 ? messageIdHeader : messageIdHeader.substring(0, at);
    }
}
