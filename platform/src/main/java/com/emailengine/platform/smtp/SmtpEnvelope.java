package com.emailengine.platform.smtp;

import java.util.List;

/**
 * The envelope of one SMTP transaction.
 *
 * @param mailFrom the reverse path from MAIL FROM, empty for the null sender {@code <>}
 * @param recipients the accepted RCPT TO addresses, in order
 */
public record SmtpEnvelope(String mailFrom, List<String> recipients) {

    public SmtpEnvelope {
        recipients = List.copyOf(recipients);
    }
}
