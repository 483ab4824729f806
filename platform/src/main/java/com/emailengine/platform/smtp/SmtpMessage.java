package com.emailengine.platform.smtp;

import java.util.Map;

/**
 * A message the session accepted and its handler is to keep.
 *
 * @param connection the connection it came over
 * @param envelope its reverse path and accepted recipients
 * @param mailParameters the MAIL FROM parameters, keys upper case ({@code SIZE}, {@code BODY}, {@code SMTPUTF8})
 * @param protocol the WITH keyword for a Received header (RFC 3848, RFC 6531): SMTP, ESMTP, ESMTPS, UTF8ESMTP or UTF8ESMTPS
 * @param content the message bytes exactly as received, after dot-unstuffing. Not copied: the session hands its buffer
 *                over and keeps no reference, so a message of megabytes is not duplicated on its way to storage
 */
public record SmtpMessage(SmtpConnection connection, SmtpEnvelope envelope, Map<String, String> mailParameters,
                          String protocol, byte[] content) {

    public SmtpMessage {
        mailParameters = Map.copyOf(mailParameters);
    }
}
