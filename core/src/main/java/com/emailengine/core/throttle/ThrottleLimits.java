package com.emailengine.core.throttle;

import java.time.Duration;
import java.util.Optional;

/**
 * How hard one source IP may push one mailbox provider, PowerMTA's per-domain directives in our words.
 *
 * @param maxConnections        SMTP connections open at once from one IP to the provider (max-smtp-out)
 * @param messagesPerConnection messages sent over one connection before it is closed (max-msg-per-connection)
 * @param messagesPerHour       messages per IP per hour to the provider, 0 for no limit (max-msg-rate)
 * @param backoff               how long the IP leaves the provider alone after a throttling reply (421, 4.7.x);
 *                              doubled on every further one, up to {@code maxBackoff}; a delivery resets it
 * @param maxBackoff            the longest pause
 * @param tls                   STARTTLS opportunistic or required
 * @param retryAfter            first retry delay of a deferred message (retry-after), doubling up to the node's cap;
 *                              empty: the node's retry schedule (5 minutes)
 * @param bounceAfter           how long a message may keep being deferred before it expires (bounce-after);
 *                              empty: the node's retry schedule (3 days)
 */
public record ThrottleLimits(int maxConnections, int messagesPerConnection, int messagesPerHour, Duration backoff,
                             Duration maxBackoff, TlsPolicy tls, Optional<Duration> retryAfter, Optional<Duration> bounceAfter) {

    /** What every provider not named gets unless throttles.yaml says otherwise: polite, like PowerMTA's defaults. */
    public static final ThrottleLimits DEFAULT = new ThrottleLimits(2, 100, 0, Duration.ofMinutes(5), Duration.ofHours(2),
            TlsPolicy.OPPORTUNISTIC, Optional.empty(), Optional.empty());

    public ThrottleLimits {
        if (maxConnections < 1 || messagesPerConnection < 1 || messagesPerHour < 0) {
            throw new IllegalArgumentException("connections and messages per connection must be at least 1, messages per hour not negative");
        }
        if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("max-backoff must not be shorter than backoff");
        }
    }

    public boolean limitsHourlyRate() {
        return messagesPerHour > 0;
    }

    /** The pause after the {@code consecutive}-th throttling reply in a row (1-based). */
    public Duration backoffAfter(int consecutive) {
        Duration pause = backoff.multipliedBy(1L << Math.min(Math.max(0, consecutive - 1), 20));
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }
}
