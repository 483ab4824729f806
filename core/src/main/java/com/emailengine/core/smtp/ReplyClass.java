package com.emailengine.core.smtp;

import com.emailengine.core.delivery.DeliveryOutcome;

/**
 * What a reply means for the message and for the IP that sent it; {@link SmtpReplyClassifier} decides. The base of
 * the bounce rules: one classification for synchronous replies and recorded ones.
 */
public enum ReplyClass {
    /** 2xx: delivered. */
    ACCEPTED(DeliveryOutcome.DELIVERED),
    /** 421, or 4.7.x anywhere: the receiver asks this IP to slow down (backoff), the message waits. */
    THROTTLED(DeliveryOutcome.DEFERRED),
    /** 5xx at the greeting, EHLO or MAIL FROM: the IP or the sender is refused, not the recipient; the message waits. */
    SENDER_REFUSED(DeliveryOutcome.DEFERRED),
    /** Any other temporary failure (4xx, or no reply): try again later. */
    TEMPORARY(DeliveryOutcome.DEFERRED),
    /** 5.1.x at RCPT or DATA: the mailbox or domain does not exist or cannot take mail; the address is bad for everyone. */
    BAD_ADDRESS(DeliveryOutcome.BOUNCED),
    /** Any other permanent refusal of the recipient or the message (policy, full mailbox, size): this message ends. */
    REFUSED(DeliveryOutcome.BOUNCED);

    private final DeliveryOutcome outcome;

    ReplyClass(DeliveryOutcome outcome) {
        this.outcome = outcome;
    }

    /** What the message's delivery event says. */
    public DeliveryOutcome outcome() {
        return outcome;
    }
}
