package com.emailengine.core.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a temporarily failed message again: exponential backoff from {@code firstDelay}, capped
 * at {@code maxDelay}, given up once the message is older than {@code maxAge} (then a soft bounce,
 * like PowerMTA's bounce-after).
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, Duration maxAge) {

    public static RetrySchedule standard() {
        return new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofDays(3));
    }

    /** Delay before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
    public Duration delayAfter(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        Duration delay = firstDelay.multipliedBy(1L << Math.min(doublings, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    public boolean expired(Instant firstQueued, Instant now) {
        return Duration.between(firstQueued, now).compareTo(maxAge) > 0;
    }
}
