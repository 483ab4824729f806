package com.emailengine.core.smtp;

/**
 * The one place an SMTP reply is classified (docs/decisions.md D23, D33): the fleet uses it for the outcome of a
 * transaction and for what the reply does to the sending IP (backoff, pause), delivery feedback for what it does to
 * the address (suppression). Stateless; the reply-driven shaping and bounce rules of later work are data on top of it.
 */
public final class SmtpReplyClassifier {

    private SmtpReplyClassifier() {
    }

    public static ReplyClass classify(SmtpReply reply, SmtpStage stage) {
        if (reply.accepted()) {
            return ReplyClass.ACCEPTED;
        }
        String enhanced = reply.enhanced();
        if (reply.code() == 421 || reply.isTransientFailure() && enhanced.startsWith("4.7.")) {
            return ReplyClass.THROTTLED;
        }
        if (!reply.isPermanentFailure()) {
            return ReplyClass.TEMPORARY;
        }
        if (stage == SmtpStage.CONNECT || stage == SmtpStage.SENDER) {
            return ReplyClass.SENDER_REFUSED;
        }
        // RFC 3463: 5.1.x speaks of the address itself (bad mailbox, bad domain, null MX, unusable address).
        return enhanced.startsWith("5.1.") ? ReplyClass.BAD_ADDRESS : ReplyClass.REFUSED;
    }
}
