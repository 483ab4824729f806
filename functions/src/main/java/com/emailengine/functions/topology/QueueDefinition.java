package com.emailengine.functions.topology;

import java.time.Duration;

/**
 * An SQS queue and its dead-letter queue.
 *
 * @param visibilityTimeout how long a received message stays hidden; AWS advises at least six times the
 *                          consuming function's timeout for event source mappings
 * @param maxReceiveCount   receives after which SQS moves the message to the DLQ (the redrive policy)
 */
public record QueueDefinition(String name, Duration visibilityTimeout, Duration retention, int maxReceiveCount) {

    public String deadLetterName() {
        return name + "-dlq";
    }
}
