package com.emailengine.fleet.delivery;

import java.time.Duration;

/** What the queue consumer does with an outbound message after one processing. */
public sealed interface Disposition {

    /** Done for good (delivered, bounced, expired or already finished): delete it from the queue. */
    record Delete() implements Disposition {
    }

    /** Deferred: hide it for the retry delay, then it comes back for the next attempt. */
    record RetryAfter(Duration delay) implements Disposition {
    }

    /** Another node holds it: hide it until that node's lease runs out. */
    record HeldElsewhere(Duration delay) implements Disposition {
    }
}
