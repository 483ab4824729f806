package com.emailengine.platform.topology;

import java.time.Duration;

/** An SQS event source mapping, always with partial batch responses (ReportBatchItemFailures). */
public record QueueTrigger(String queue, String function, int batchSize, Duration maxBatchingWindow) {
}
