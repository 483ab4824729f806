package com.emailengine.fleet.smtp;

import com.emailengine.core.smtp.ReplyClass;
import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.core.smtp.SmtpReplyClassifier;
import com.emailengine.core.smtp.SmtpStage;

/**
 * The outcome of handing one message to a receiving server: its reply, the host that gave it (or the last one tried)
 * and where in the dialogue it came, which {@link SmtpReplyClassifier} needs to say whose problem a refusal is.
 */
public record HostReply(SmtpReply reply, String mxHost, SmtpStage stage) {

    /** A reply of no server: a decision made here, or nothing answered. */
    public static HostReply none(String what, String mxHost) {
        return new HostReply(SmtpReply.none(what), mxHost, SmtpStage.NONE);
    }

    public static HostReply none(String what, String mxHost, SmtpStage stage) {
        return new HostReply(SmtpReply.none(what), mxHost, stage);
    }

    /** A server's reply line ({@code 550 5.1.1 user unknown}) at a stage of the dialogue. */
    public static HostReply of(String line, String mxHost, SmtpStage stage) {
        return new HostReply(SmtpReply.parse(line), mxHost, stage);
    }

    public ReplyClass replyClass() {
        return SmtpReplyClassifier.classify(reply, stage);
    }

    public int code() {
        return reply.code();
    }

    public boolean accepted() {
        return reply.accepted();
    }
}
