package com.emailengine.adapters.sqs;

import com.emailengine.core.ingest.ContactQueue;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Puts submissions on the contacts queue, as JSON, with the tenant as a message attribute: one message per contact
 * (so the intake's partial-batch failures stay per contact), sent ten to a SendMessageBatch call (SQS's limit) with
 * the calls of one request in parallel. Entries SQS refuses are sent again a few times before the call fails.
 * Thread-safe.
 */
public final class SqsContactQueue implements ContactQueue {

    /** SendMessageBatch takes at most ten entries. */
    static final int BATCH = 10;
    private static final int MAX_ROUNDS = 4;
    /**
     * Calls in flight at once: enough to hide the round trips, few enough that the HTTP client keeps reusing its
     * connections (the JDK keeps five idle ones per host) instead of opening one per call.
     */
    static final int PARALLEL_CALLS = 5;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsContactQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** @return the SQS message id */
    public String submit(ContactSubmission submission) {
        return sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(submission))
                .messageAttributes(attributes(submission.tenant()))).messageId();
    }

    @Override
    public void submitLater(ContactSubmission submission, Duration delay) {
        int seconds = (int) Math.min(MAX_DELAY.toSeconds(), Math.max(0, delay.toSeconds()));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(submission)).delaySeconds(seconds)
                .messageAttributes(attributes(submission.tenant())));
    }

    @Override
    public void submitAll(List<ContactSubmission> submissions) {
        // One tenant per message keeps the tenant attribute true; bodies packed by ContactMessages.
        Map<String, List<ContactSubmission>> byTenant = new java.util.LinkedHashMap<>();
        submissions.forEach(s -> byTenant.computeIfAbsent(s.tenant(), t -> new ArrayList<>()).add(s));
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (Map.Entry<String, List<ContactSubmission>> tenant : byTenant.entrySet()) {
            for (String body : ContactMessages.encode(tenant.getValue())) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).messageBody(body)
                        .messageAttributes(attributes(tenant.getKey())).build());
            }
        }
        List<List<SendMessageBatchRequestEntry>> batches = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += BATCH) {
            batches.add(entries.subList(i, Math.min(entries.size(), i + BATCH)));
        }
        if (batches.size() == 1) {
            send(batches.getFirst());
            return;
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(PARALLEL_CALLS, batches.size()), Thread.ofVirtual().factory())) {
            List<Future<?>> sent = new ArrayList<>();
            for (List<SendMessageBatchRequestEntry> batch : batches) {
                sent.add(threads.submit(() -> send(batch)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing contacts", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private void send(List<SendMessageBatchRequestEntry> batch) {
        List<SendMessageBatchRequestEntry> entries = batch;
        for (int round = 0; !entries.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("SQS refused " + entries.size() + " contact messages");
            }
            List<SendMessageBatchRequestEntry> attempt = entries;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(attempt));
            List<String> failed = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            List<BatchResultErrorEntry> permanent = response.failed().stream().filter(BatchResultErrorEntry::senderFault).toList();
            if (!permanent.isEmpty()) {
                throw new IllegalStateException("SQS refused a contact message: " + permanent.getFirst().message());
            }
            entries = attempt.stream().filter(entry -> failed.contains(entry.id())).toList();
        }
    }

    private static Map<String, MessageAttributeValue> attributes(String tenant) {
        return Map.of("tenant", MessageAttributeValue.builder().dataType("String").stringValue(tenant).build());
    }
}
