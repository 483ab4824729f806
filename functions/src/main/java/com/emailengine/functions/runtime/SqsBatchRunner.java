package com.emailengine.functions.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.platform.runtime.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a per-message consumer over an SQS batch and reports only the failed messages, so SQS deletes
 * the rest and redelivers (and eventually dead-letters) only those. Requires the event source mapping
 * to have {@code ReportBatchItemFailures}, which {@code infra-cdk} and the local poller both set; see
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 *
 * <p>Thread-safe; the consumer is called on the invoking thread, one message at a time.
 */
public final class SqsBatchRunner {

    /** Does the work for one message; throwing marks that message, and only it, as failed. */
    @FunctionalInterface
    public interface MessageConsumer {
        void accept(SQSEvent.SQSMessage message) throws Exception;
    }

    private final String name;
    private final MessageConsumer consumer;

    public SqsBatchRunner(String name, MessageConsumer consumer) {
        this.name = name;
        this.consumer = consumer;
    }

    public SQSBatchResponse run(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                consumer.accept(message);
            } catch (Exception e) {
                Log.warn(name, "message " + message.getMessageId() + " failed and will be retried: " + e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
