package com.emailengine.fleet.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of handing one message to a receiving server.
 *
 * @param code     the SMTP reply code (250, 421, 550 …), or 0 when no server answered
 * @param text     the reply line as the server wrote it, or the local reason (connection refused …)
 * @param mxHost   the host that answered, or the last one tried
 * @param stage    where in the dialogue the reply came
 */
public record SmtpReply(int code, String text, String mxHost, SmtpStage stage) {

    private static final Pattern ENHANCED = Pattern.compile("(?:^|\\s)([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");

    public SmtpReply(int code, String text, String mxHost) {
        this(code, text, mxHost, SmtpStage.NONE);
    }

    public boolean accepted() {
        return code >= 200 && code < 300;
    }

    public boolean permanentFailure() {
        return code >= 500 && code < 600;
    }

    /**
     * The receiver asks this IP to slow down: 421 (service not available, closing) or an enhanced status
     * 4.7.x (4.7.0 rate limited, 4.7.28 Gmail's "unusual rate"), as opposed to a full mailbox (4.2.2).
     */
    public boolean throttling() {
        if (code == 421) {
            return true;
        }
        return code >= 400 && code < 500 && enhanced().startsWith("4.7.");
    }

    /**
     * The receiver refuses the sending IP itself: 5xx at the greeting, EHLO or MAIL FROM (e.g. 554 5.7.1 on
     * connect from a blocklisted IP). The recipient is not at fault: the message is deferred for another
     * try (from another IP or later), never bounced.
     */
    public boolean refusesTheIp() {
        return permanentFailure() && (stage == SmtpStage.CONNECT || stage == SmtpStage.SENDER);
    }

    /** The enhanced status code (RFC 3463) in the text, e.g. {@code 5.1.1}, or empty. */
    public String enhanced() {
        Matcher m = ENHANCED.matcher(text.length() > 4 && text.startsWith(Integer.toString(code)) ? text.substring(3) : text);
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : "";
    }
}
