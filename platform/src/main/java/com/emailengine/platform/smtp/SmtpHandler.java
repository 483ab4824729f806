package com.emailengine.platform.smtp;

import com.emailengine.core.smtp.SmtpReply;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What an {@link SmtpServer} leaves to the program that runs it: its policy at the points where a mail server shows
 * one (the greeting, MAIL FROM, each RCPT TO, the end of data), where an accepted message goes, and whether STARTTLS
 * is offered. The server owns the protocol: syntax, command order, extensions, limits (line length, recipients,
 * SIZE), dot-unstuffing, timeouts, error counts and its {@link SmtpCounters}; a hook is asked only about a step that
 * passed all of those.
 *
 * <p>Each policy hook returns the reply to give instead of the server's normal one, or empty to let the server
 * carry on (greet, accept the sender or recipient, go on to {@link #deliver}). A failure reply refuses that step;
 * a 421 also closes the connection, as RFC 5321 3.8 says. A positive reply is given in place of the normal one and
 * the step goes through.
 *
 * <p>Concurrency contract: one handler serves every connection of a server at once, so each method may be called
 * concurrently from many threads (one virtual thread per connection). Implementations that keep state must make it
 * thread-safe. A policy hook must not block; it runs inside the SMTP dialogue. {@link #deliver} may block on
 * storage, within the client's patience for the end-of-data reply (RFC 5321 4.5.3.2.6: 10 minutes). No method may
 * modify the arguments it is given. An exception thrown by any method ends that connection with a 421 local error.
 */
public interface SmtpHandler {

    /** When a client connects, before the greeting; a failure reply refuses the connection. */
    default Optional<SmtpReply> onConnect(SmtpConnection connection) {
        return Optional.empty();
    }

    /** After a syntactically valid MAIL FROM within the size limit; {@code sender} is empty for the null sender. */
    default Optional<SmtpReply> onMailFrom(SmtpConnection connection, String sender) {
        return Optional.empty();
    }

    /** After a syntactically valid RCPT TO within the recipient limit. */
    default Optional<SmtpReply> onRecipient(SmtpConnection connection, String sender, String recipient) {
        return Optional.empty();
    }

    /** After the whole message arrived and passed the server's size and line checks, before {@link #deliver}. */
    default Optional<SmtpReply> onEndOfData(SmtpConnection connection, SmtpEnvelope envelope, byte[] content) {
        return Optional.empty();
    }

    /**
     * Keeps an accepted message and says how it went: a 250 naming what was kept once it is safe, or a failure
     * (typically 451) when it could not be kept, so that the client tries again. Only a positive reply counts the
     * message as accepted.
     */
    SmtpReply deliver(SmtpMessage message);

    /** The server certificate to offer STARTTLS with (RFC 3207), asked at each EHLO and STARTTLS; empty offers none. */
    default Optional<SSLContext> startTls() {
        return Optional.empty();
    }
}
