package com.emailengine.platform.smtp;

/**
 * What an {@link SmtpServer} has seen since it started.
 *
 * @param connections TCP connections accepted
 * @param connectionsRefused connections greeted with a failure reply instead of 220
 * @param messagesAccepted messages the handler kept after end of data
 * @param messagesRejected messages refused at MAIL FROM or at end of data (size, line length, handler, failed storage)
 * @param recipientsAccepted RCPT TO commands answered 250
 * @param recipientsRejected RCPT TO commands answered 4xx or 5xx by the handler or the recipient limit
 * @param tlsSessions sessions that completed a STARTTLS handshake
 */
public record SmtpCounters(long connections, long connectionsRefused, long messagesAccepted, long messagesRejected,
                           long recipientsAccepted, long recipientsRejected, long tlsSessions) {
}
