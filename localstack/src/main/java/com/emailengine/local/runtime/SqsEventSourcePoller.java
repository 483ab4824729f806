package com.emailengine.local.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.functions.runtime.Log;
import com.emailengine.functions.topology.QueueTrigger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, for one queue: long-polls, hands batches to the function
 * and deletes what succeeded. With {@code ReportBatchItemFailures} (always on here, as in the CDK stack)
 * only the messages the function lists as failed stay; a thrown exception, or a failure entry naming no
 * message of the batch, fails the whole batch. Messages that stay reappear after the queue's visibility
 * timeout; SQS moves them to the DLQ after maxReceiveCount receives (ElasticMQ honours the redrive policy).
 */
public final class SqsEventSourcePoller implements AutoCloseable {

    private final SqsClient sqs;
    private final QueueTrigger trigger;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final LocalFunction function;
    private final int waitSeconds;
    private final Thread thread;
    private volatile boolean running = true;

    private SqsEventSourcePoller(SqsClient sqs, QueueTrigger trigger, String queueUrl, String queueArn, String region,
                                 LocalFunction function, int waitSeconds) {
        this.sqs = sqs;
        this.trigger = trigger;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.function = function;
        this.waitSeconds = waitSeconds;
        this.thread = Thread.ofPlatform().daemon().name("ee-poller-" + trigger.queue()).unstarted(this::loop);
    }

    public static SqsEventSourcePoller start(SqsClient sqs, QueueTrigger trigger, String queueUrl, String queueArn,
                                             String region, LocalFunction function, int waitSeconds) {
        SqsEventSourcePoller poller = new SqsEventSourcePoller(sqs, trigger, queueUrl, queueArn, region, function, waitSeconds);
        poller.thread.start();
        return poller;
    }

    private void loop() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    Log.warn("sqs-poller", "polling " + trigger.queue() + " failed: " + e);
                    sleep();
                }
            }
        }
    }

    /** One receive and, when messages came, one invocation. Returns the number of messages handed over. */
    int pollOnce() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, trigger.batchSize()))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::record).toList());
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = (SQSBatchResponse) function.invoke(event);
            Set<String> ids = new HashSet<>(messages.stream().map(Message::messageId).toList());
            if (response != null && response.getBatchItemFailures() != null) {
                for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                    String id = failure.getItemIdentifier();
                    if (id == null || !ids.contains(id)) {
                        Log.warn("sqs-poller", function.name() + " reported an unknown message id; the whole batch counts as failed");
                        return messages.size();
                    }
                    failed.add(id);
                }
            }
        } catch (RuntimeException e) {
            Log.warn("sqs-poller", function.name() + " threw; the whole batch of " + messages.size() + " stays queued: " + e);
            return messages.size();
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId()).receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                attribute.setBinaryValue(value.binaryValue().asByteBuffer());
            }
            messageAttributes.put(name, attribute);
        });
        record.setMessageAttributes(messageAttributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        return record;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join((waitSeconds + 5) * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
