package com.emailengine.platform.topology;

import java.time.Duration;

/**
 * An SQS queue and its dead-letter queue.
 *
 * @param visibilityTimeout how long a received message stays hidden; AWS advises at least six times the
 *                          consuming function's timeout for event source mappings
 * @param maxReceiveCount   receives after which SQS moves the message to the DLQ (the redrive policy)
 */
public record QueueDefinition(String name, Duration visibilityTimeout, Duration retention, int maxReceiveCount) {

    /** How long a dead letter is kept: the SQS maximum, so an operator has two weeks to redrive or inspect it. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    public String deadLetterName() {
        return name + "-dlq";
    }
}
