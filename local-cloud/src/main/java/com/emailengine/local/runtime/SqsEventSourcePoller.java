package com.emailengine.local.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.platform.runtime.Log;
import com.emailengine.platform.topology.QueueTrigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, for one queue: long-polls, hands batches to the function
 * and deletes what succeeded. With {@code ReportBatchItemFailures} (always on here, as in the CDK stack)
 * only the messages the function lists as failed stay; a failed invocation, or a failure entry naming no
 * message of the batch, fails the whole batch, as
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 * describes. Messages that stay reappear after the queue's visibility timeout; SQS moves them to the DLQ
 * after maxReceiveCount receives (ElasticMQ honours the redrive policy).
 *
 * <p>Batches are at most 10 messages (one ReceiveMessage) and are handed over as soon as they arrive:
 * the trigger's batching window is not emulated. One batch at a time, on one thread of its own. Long polls
 * last at most {@link #POLL_SLICE}, so that {@link #close()} returns within about that time after
 * letting a batch being handled finish. (Interrupting a long poll instead would leave it pending at the
 * server, where it would take, and hide, the next message sent.)
 */
public final class SqsEventSourcePoller implements AutoCloseable {

    /** Longest single long poll; bounds how long close() waits for the poller. */
    static final Duration POLL_SLICE = Duration.ofSeconds(1);
    /** Pause after a failed receive, so an unreachable queue does not spin. */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final SqsClient sqs;
    private final QueueTrigger trigger;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final LocalFunction function;
    private final int waitSeconds;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);

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
        while (closed.getCount() > 0) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (closed.getCount() > 0) {
                    Log.warn("sqs-poller", "polling " + trigger.queue() + " failed: " + e);
                    try {
                        closed.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    /** One receive and, when messages came, one invocation. Returns the number of messages handed over. */
    int pollOnce() {
        List<Message> messages = receive();
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
                        Log.warn("sqs-poller", function.name() + " reported failed message id '" + id
                                + "', which is not in the batch; the whole batch counts as failed");
                        return messages.size();
                    }
                    failed.add(id);
                }
            }
        } catch (RuntimeException | Error e) {
            // Whatever the function threw, Lambda reports a failed invocation: the whole batch stays.
            Log.warn("sqs-poller", function.name() + " failed; the whole batch of " + messages.size() + " stays queued: " + e);
            return messages.size();
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId()).receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
            deleted.failed().forEach(entry -> Log.warn("sqs-poller", "message " + entry.id() + " of " + trigger.queue()
                    + " was handled but not deleted (" + entry.code() + "); it will be delivered again"));
        }
        return messages.size();
    }

    private List<Message> receive() {
        int wait = (int) Math.min(waitSeconds, POLL_SLICE.toSeconds());
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, trigger.batchSize()))
                .waitTimeSeconds(wait)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /** The record as Lambda builds it from a received message. */
    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        // By wire name: attributes the SDK's enum does not know would otherwise all collapse into one key.
        record.setAttributes(new HashMap<>(message.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                attribute.setBinaryValue(value.binaryValue().asByteBuffer());
            }
            attribute.setStringListValues(List.of());
            attribute.setBinaryListValues(List.of());
            messageAttributes.put(name, attribute);
        });
        record.setMessageAttributes(messageAttributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        return record;
    }

    /** Stops polling, after the long poll in progress and the batch being handled, if any, end. Idempotent. */
    @Override
    public void close() {
        closed.countDown();
        try {
            if (!thread.join(POLL_SLICE.plus(function.definition().timeout()).plusSeconds(5))) {
                Log.warn("sqs-poller", "poller of " + trigger.queue() + " did not stop within its function's timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
