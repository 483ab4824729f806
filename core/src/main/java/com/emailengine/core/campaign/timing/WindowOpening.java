package com.emailengine.core.campaign.timing;

import java.time.Duration;
import java.time.Instant;

/** One time a sending window is open, as instants: from {@code opens} (included) to {@code closes} (excluded). */
public record WindowOpening(Instant opens, Instant closes) {

    public WindowOpening {
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("an opening closes after it opens: " + opens + " - " + closes);
        }
    }

    public Duration length() {
        return Duration.between(opens, closes);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(opens) && instant.isBefore(closes);
    }
}
