package com.emailengine.fleet.bounces;

import com.emailengine.adapters.ledger.DeliveryLedger;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.json.Json;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a complaint is about mail we really sent (D40): the Message-ID the report quotes must name a message of the
 * ledger (ids are keyed, so none can be computed from an address), of the tenant whose return-path domain received the
 * report, that was delivered; to the recipient the report names, and from the sending IP it names, when it names them.
 * Anything else (a forged report, a forwarded one, a report whose provider stripped the Message-ID) is kept raw for
 * review and applied to nothing: no contact, no suppression, no IP's warm-up. Thread-safe.
 */
public final class ComplaintVerifier {

    /** Why a complaint was not applied; counted and logged, the raw report stays in the archive. */
    public enum Unverified { NO_MESSAGE_ID, UNKNOWN_MESSAGE, OTHER_TENANT, NOT_DELIVERED, OTHER_RECIPIENT, OTHER_SOURCE_IP }

    /** The verdict: the delivery the complaint is about, or why there is none. */
    public record Verdict(Optional<DeliveryEvent> delivery, Optional<Unverified> reason) {
        static Verdict of(DeliveryEvent delivery) {
            return new Verdict(Optional.of(delivery), Optional.empty());
        }

        static Verdict not(Unverified reason) {
            return new Verdict(Optional.empty(), Optional.of(reason));
        }
    }

    private final DeliveryLedger ledger;

    public ComplaintVerifier(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    public Verdict verify(BounceListener.Complaint complaint) {
        if (complaint.originalMessageId().isEmpty()) {
            return Verdict.not(Unverified.NO_MESSAGE_ID);
        }
        Optional<DeliveryEvent> last = ledger.lastEventJson(ledgerKey(complaint.originalMessageId().get()))
                .map(json -> Json.read(json, DeliveryEvent.class));
        if (last.isEmpty()) {
            return Verdict.not(Unverified.UNKNOWN_MESSAGE);
        }
        DeliveryEvent sent = last.get();
        if (!sent.tenantId().equals(complaint.tenantId())) {
            return Verdict.not(Unverified.OTHER_TENANT);
        }
        if (sent.outcome() != DeliveryOutcome.DELIVERED) {
            return Verdict.not(Unverified.NOT_DELIVERED);
        }
        if (complaint.originalRecipient().isPresent()
                && !complaint.originalRecipient().get().equalsIgnoreCase(sent.recipient().toLowerCase(Locale.ROOT))) {
            return Verdict.not(Unverified.OTHER_RECIPIENT);
        }
        if (complaint.sourceIp().isPresent() && !complaint.sourceIp().get().equals(sent.sourceIp())) {
            return Verdict.not(Unverified.OTHER_SOURCE_IP);
        }
        return Verdict.of(sent);
    }

    /** Our Message-IDs are {@code <message-id@sending-domain>}; the ledger is keyed by the part before the @. */
    static String ledgerKey(String messageIdHeader) {
        int at = messageIdHeader.lastIndexOf('@');
        return at < 0 ? messageIdHeader : messageIdHeader.substring(0, at);
    }
}
