package com.emailengine.emulators.internet;

/**
 * What an {@link SmtpSink} has seen since it started, for tests and a metrics page.
 *
 * @param connections TCP connections accepted
 * @param connectionsRefused connections greeted with a failure reply instead of 220
 * @param messagesAccepted messages stored after end of data
 * @param messagesRejected messages refused at MAIL FROM or at end of data (size, line length, behaviour)
 * @param recipientsAccepted RCPT TO commands answered 250
 * @param recipientsRejected RCPT TO commands answered 4xx or 5xx by the behaviour or a limit
 */
public record SinkCounters(long connections, long connectionsRefused, long messagesAccepted,
                           long messagesRejected, long recipientsAccepted, long recipientsRejected) {
}
