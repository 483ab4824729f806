package com.emailengine.emulators.internet;

import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.platform.smtp.SmtpEnvelope;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Decides how an {@link SmtpSink} answers at the points where a real mailbox provider shows
 * its policy: the greeting, MAIL FROM, each RCPT TO, and the end of data. Each hook returns
 * the reply to give instead of the sink's normal one, or empty to let the sink carry on
 * normally (greet, accept, store). A failure reply refuses that step; a 421 also closes the
 * connection, as RFC 5321 3.8 says.
 *
 * <p>Concurrency contract: one behaviour serves every connection of a sink at once, so each
 * hook may be called concurrently from many threads. Implementations that keep state (counters,
 * deadlines) must make it thread-safe. A hook must not block; it runs inside the SMTP dialogue.
 * Hooks must not modify the arguments they are given.
 */
public interface SinkBehaviour {

    SmtpReply TRY_LATER = SmtpReply.of(421, "4.7.0 try later");
    SmtpReply USER_UNKNOWN = SmtpReply.of(550, "5.1.1 user unknown");
    SmtpReply MAILBOX_FULL = SmtpReply.of(452, "4.2.2 mailbox full, try again later");
    SmtpReply RATE_LIMITED = SmtpReply.of(421, "4.7.28 rate limited, try again later");
    /** 4.2.0, not 4.7.1: a sender reads 4.7.x as throttling and backs its IP off, where greylisting wants a retry. */
    SmtpReply GREYLISTED = SmtpReply.of(450, "4.2.0 greylisted, try again later");

    /** When a client connects, before the greeting. */
    default Optional<SmtpReply> onConnect(SinkConnection connection) {
        return Optional.empty();
    }

    /** After a syntactically valid MAIL FROM; {@code sender} is empty for the null sender. */
    default Optional<SmtpReply> onMailFrom(SinkConnection connection, String sender) {
        return Optional.empty();
    }

    /** After a syntactically valid RCPT TO. */
    default Optional<SmtpReply> onRecipient(SinkConnection connection, String sender, String recipient) {
        return Optional.empty();
    }

    /** After the whole message arrived and passed the sink's own size and line checks. */
    default Optional<SmtpReply> onEndOfData(SinkConnection connection, SmtpEnvelope envelope, byte[] content) {
        return Optional.empty();
    }

    /** This behaviour first; where it lets the step through, {@code next} decides. */
    default SinkBehaviour and(SinkBehaviour next) {
        SinkBehaviour first = this;
        return new SinkBehaviour() {
            @Override
            public Optional<SmtpReply> onConnect(SinkConnection connection) {
                return first.onConnect(connection).or(() -> next.onConnect(connection));
            }

            @Override
            public Optional<SmtpReply> onMailFrom(SinkConnection connection, String sender) {
                return first.onMailFrom(connection, sender).or(() -> next.onMailFrom(connection, sender));
            }

            @Override
            public Optional<SmtpReply> onRecipient(SinkConnection connection, String sender, String recipient) {
                return first.onRecipient(connection, sender, recipient)
                        .or(() -> next.onRecipient(connection, sender, recipient));
            }

            @Override
            public Optional<SmtpReply> onEndOfData(SinkConnection connection, SmtpEnvelope envelope, byte[] content) {
                return first.onEndOfData(connection, envelope, content)
                        .or(() -> next.onEndOfData(connection, envelope, content));
            }
        };
    }

    /** Greets, accepts and stores everything. */
    static SinkBehaviour acceptAll() {
        return new SinkBehaviour() {
        };
    }

    /** The next {@code count} connections get {@code reply} as greeting; later ones are served normally. */
    static SinkBehaviour rejectConnections(int count, SmtpReply reply) {
        AtomicInteger left = new AtomicInteger(count);
        return new SinkBehaviour() {
            @Override
            public Optional<SmtpReply> onConnect(SinkConnection connection) {
                return left.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? Optional.of(reply) : Optional.empty();
            }
        };
    }

    /** The next {@code count} connections are greeted {@code 421 4.7.0 try later} and closed. */
    static SinkBehaviour tempFailConnections(int count) {
        return rejectConnections(count, TRY_LATER);
    }

    /** For {@code period} from now, every connection is greeted {@code 421 4.7.0 try later} and closed. */
    static SinkBehaviour tempFailConnectionsFor(Duration period) {
        long until = System.nanoTime() + period.toNanos();
        return new SinkBehaviour() {
            @Override
            public Optional<SmtpReply> onConnect(SinkConnection connection) {
                return System.nanoTime() - until < 0 ? Optional.of(TRY_LATER) : Optional.empty();
            }
        };
    }

    /** MAIL FROM with a matching sender gets {@code reply}. */
    static SinkBehaviour rejectSenders(Predicate<String> sender, SmtpReply reply) {
        return new SinkBehaviour() {
            @Override
            public Optional<SmtpReply> onMailFrom(SinkConnection connection, String from) {
                return sender.test(from) ? Optional.of(reply) : Optional.empty();
            }
        };
    }

    /** RCPT TO with a matching address gets {@code reply}, e.g. {@link #USER_UNKNOWN}. */
    static SinkBehaviour rejectRecipients(Predicate<String> recipient, SmtpReply reply) {
        return new SinkBehaviour() {
            @Override
            public Optional<SmtpReply> onRecipient(SinkConnection connection, String sender, String to) {
                return recipient.test(to) ? Optional.of(reply) : Optional.empty();
            }
        };
    }

    /** RCPT TO with a matching address gets {@code 550 5.1.1 user unknown}. */
    static SinkBehaviour unknownUsers(Predicate<String> recipient) {
        return rejectRecipients(recipient, USER_UNKNOWN);
    }

    /** RCPT TO with a matching address gets {@code 452 4.2.2 mailbox full, try again later}. */
    static SinkBehaviour tempFailRecipients(Predicate<String> recipient) {
        return rejectRecipients(recipient, MAILBOX_FULL);
    }

    /**
     * Greylisting: the first RCPT TO of each matching address gets {@code 450 4.2.0 greylisted}; later ones, the
     * sender's retry, are let through. Remembers the addresses it has seen for as long as it is in use.
     */
    static SinkBehaviour greylist(Predicate<String> recipient) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return new SinkBehaviour() {
            @Override
            public Optional<SmtpReply> onRecipient(SinkConnection connection, String sender, String to) {
                return recipient.test(to) && seen.add(to.toLowerCase(Locale.ROOT)) ? Optional.of(GREYLISTED) : Optional.empty();
            }
        };
    }

    /** Messages from a matching client address get {@code reply} at the end of data instead of 250. */
    static SinkBehaviour rejectMessagesFrom(Predicate<InetAddress> client, SmtpReply reply) {
        return new SinkBehaviour() {
            @Override
            public Optional<SmtpReply> onEndOfData(SinkConnection connection, SmtpEnvelope envelope, byte[] content) {
                return client.test(connection.clientAddress()) ? Optional.of(reply) : Optional.empty();
            }
        };
    }

    /** Messages from this source address get {@code 421 4.7.28 rate limited} at the end of data. */
    static SinkBehaviour rateLimit(InetAddress client) {
        return rejectMessagesFrom(client::equals, RATE_LIMITED);
    }
}
