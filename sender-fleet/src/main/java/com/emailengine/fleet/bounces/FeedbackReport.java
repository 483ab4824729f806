package com.emailengine.fleet.bounces;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two fields of an ARF feedback report (RFC 5965) the fleet acts on before any parser runs: the
 * {@code Feedback-Type} (is it a complaint?) and the {@code Source-IP} (which of our addresses sent the
 * reported message, so its warm-up sees the complaint). Read from the raw report, case-insensitively.
 *
 * @param feedbackType lower case, e.g. {@code abuse}, {@code fraud}, {@code not-spam}, {@code auth-failure}
 * @param sourceIp     the address the reported message came from, when the report names it
 * @param originalMessageId the Message-ID of the reported message (without brackets), from its headers in the
 *                     report's third part ({@code message/rfc822} or {@code text/rfc822-headers}), if included
 * @param originalRecipient whom the reported message was sent to: the report's {@code Original-Rcpt-To}, else the
 *                     {@code To} address of the reported message's headers, when the report names one (lower case)
 */
public record FeedbackReport(String feedbackType, Optional<String> sourceIp, Optional<String> originalMessageId,
                             Optional<String> originalRecipient) {

    private static final Pattern FEEDBACK_TYPE = Pattern.compile("(?im)^Feedback-Type:[ \\t]*([A-Za-z-]+)");
    private static final Pattern ORIGINAL_PART = Pattern.compile("(?i)content-type:[ \t]*(message/rfc822|text/rfc822-headers)");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:[ \t]*<([^>\r\n]+)>");
    private static final Pattern ORIGINAL_RCPT = Pattern.compile("(?im)^Original-Rcpt-To:[ \\t]*(?:rfc822;[ \\t]*)?<?([^\\s<>]+@[^\\s<>]+)>?");
    private static final Pattern TO = Pattern.compile("(?im)^To:[^\\r\\n]*?<?([^\\s<>\",]+@[^\\s<>\",]+)>?[ \\t]*$");
    private static final Pattern SOURCE_IP = Pattern.compile("(?im)^Source-IP:[ \\t]*\\[?([0-9A-Fa-f:.]+)\\]?[ \\t]*$");

    /** The report's fields, or empty when the message has no feedback-report part (no Feedback-Type). */
    public static Optional<FeedbackReport> read(byte[] message) {
        // ISO-8859-1 maps every byte to one char, so a stray 8-bit byte cannot break the header lines.
        String text = new String(message, StandardCharsets.ISO_8859_1);
        Matcher type = FEEDBACK_TYPE.matcher(text);
        if (!type.find()) {
            return Optional.empty();
        }
        Matcher ip = SOURCE_IP.matcher(text);
        return Optional.of(new FeedbackReport(type.group(1).toLowerCase(Locale.ROOT),
                ip.find() ? Optional.of(ip.group(1)) : Optional.empty(), originalMessageId(text), originalRecipient(text)));
    }

    /** Original-Rcpt-To of the report part, else the first To after the part holding the reported message's headers. */
    private static Optional<String> originalRecipient(String text) {
        Matcher rcpt = ORIGINAL_RCPT.matcher(text);
        if (rcpt.find()) {
            return Optional.of(rcpt.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher part = ORIGINAL_PART.matcher(text);
        if (!part.find()) {
            return Optional.empty();
        }
        Matcher to = TO.matcher(text);
        return to.find(part.end()) ? Optional.of(to.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The first Message-ID after the part holding the reported message's headers (the report's own comes before). */
    private static Optional<String> originalMessageId(String text) {
        Matcher part = ORIGINAL_PART.matcher(text);
        if (!part.find()) {
            return Optional.empty();
        }
        Matcher id = MESSAGE_ID.matcher(text);
        return id.find(part.end()) ? Optional.of(id.group(1).strip()) : Optional.empty();
    }

    /**
     * A recipient complained: {@code abuse} (marked as spam) or {@code fraud} (marked as phishing). Not
     * {@code not-spam}, nor the machine reports that share the format ({@code auth-failure}: DMARC failure
     * reports, RFC 6591; {@code virus}; {@code other}).
     */
    public boolean complaint() {
        return feedbackType.equals("abuse") || feedbackType.equals("fraud");
    }
}
