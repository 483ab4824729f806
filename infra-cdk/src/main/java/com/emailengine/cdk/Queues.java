package com.emailengine.cdk;

import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Every queue of the topology with its dead-letter queue and redrive policy, encrypted at rest (SSE-SQS,
 * no key to manage) and reachable only over TLS.
 */
public final class Queues extends Construct {

    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();

    public Queues(Construct scope, String id, SystemTopology topology, ResourceNames names) {
        super(scope, id);
        for (QueueDefinition definition : topology.queues()) {
            Queue deadLetters = Queue.Builder.create(this, definition.deadLetterName())
                    .queueName(names.queue(definition.deadLetterName()))
                    .retentionPeriod(CloudDuration.of(QueueDefinition.DEAD_LETTER_RETENTION))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            Queue queue = Queue.Builder.create(this, definition.name())
                    .queueName(names.queue(definition.name()))
                    .visibilityTimeout(CloudDuration.of(definition.visibilityTimeout()))
                    .retentionPeriod(CloudDuration.of(definition.retention()))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(definition.maxReceiveCount()).build())
                    .build();
            queues.put(definition.name(), queue);
            deadLetterQueues.put(definition.name(), deadLetters);
        }
    }

    public Queue queue(String logicalName) {
        return require(queues, logicalName);
    }

    /** The dead-letter queue of the named queue. */
    public Queue deadLetterQueue(String logicalName) {
        return require(deadLetterQueues, logicalName);
    }

    public Map<String, Queue> deadLetterQueues() {
        return Map.copyOf(deadLetterQueues);
    }

    private static Queue require(Map<String, Queue> map, String name) {
        Queue queue = map.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("the topology has no queue " + name);
        }
        return queue;
    }
}
