package com.emailengine.core.delivery;

/** What happened to one delivery attempt. */
public enum DeliveryOutcome {
    /** The receiving MTA accepted the message (2xx after DATA). */
    DELIVERED,
    /** A temporary failure (4xx, connection trouble); the fleet will try again. */
    DEFERRED,
    /** A permanent failure (5xx); no retry. */
    BOUNCED,
    /** Temporary failures went on past the maximum age; given up as a soft bounce. */
    EXPIRED,
    /**
     * After delivery, the recipient reported the message as spam: a feedback-loop report (ARF) naming it reached the
     * fleet's bounce listener. Not an attempt's outcome; it follows a {@link #DELIVERED}.
     */
    COMPLAINED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
