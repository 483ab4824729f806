package com.emailengine.cdk;

import com.emailengine.platform.topology.QueueTrigger;
import com.emailengine.platform.topology.SystemTopology;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;

/**
 * The topology's SQS event source mappings, on each function's alias, always with
 * {@code ReportBatchItemFailures}: the handlers return only the failed message ids (see
 * {@code SqsBatchRunner}), and without this setting Lambda would take such a response as full success.
 * The mapping grants the function's role receive, delete and change-visibility on that one queue.
 */
final class QueueTriggers {

    private QueueTriggers() {
    }

    static void attach(SystemTopology topology, Queues queues, Functions functions) {
        for (QueueTrigger trigger : topology.triggers()) {
            functions.get(trigger.function()).alias().addEventSource(SqsEventSource.Builder.create(queues.queue(trigger.queue()))
                    .batchSize(trigger.batchSize())
                    .maxBatchingWindow(CloudDuration.of(trigger.maxBatchingWindow()))
                    .reportBatchItemFailures(true)
                    .build());
        }
    }
}
