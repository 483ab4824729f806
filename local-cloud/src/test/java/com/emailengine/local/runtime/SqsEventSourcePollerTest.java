package com.emailengine.local.runtime;

import static com.emailengine.local.runtime.TestFunctions.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.cloud.LocalAccount;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.cloud.ResourceProvisioner;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.QueueTrigger;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The poller against ElasticMQ, on queues the {@link ResourceProvisioner} made (1 s visibility, so
 * redeliveries come quickly). What it must do is Lambda's SQS event source mapping with
 * ReportBatchItemFailures: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
class SqsEventSourcePollerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration VISIBILITY = Duration.ofSeconds(1);
    private static final int DEAD_LETTER_AFTER = 2;

    private static LocalEmulators emulators;
    private static FunctionDependencies dependencies;
    private static SqsClient sqs;
    private static ResourceProvisioner.Provisioned queues;

    @BeforeAll
    static void provisionQueues() {
        emulators = LocalEmulators.start(EmulatorSettings.ephemeral());
        dependencies = LocalDependencies.of(LocalDependencies.settings(emulators.endpoints()));
        sqs = dependencies.sqs();
        List<QueueDefinition> definitions = new ArrayList<>();
        for (String name : List.of("success", "partial", "thrown-exception", "thrown-error", "unknown-id", "empty-id",
                "null-id", "records", "batch-size", "long-poll", "in-hand")) {
            definitions.add(new QueueDefinition(name, VISIBILITY, Duration.ofHours(1), 5));
        }
        definitions.add(new QueueDefinition("poison", VISIBILITY, Duration.ofHours(1), DEAD_LETTER_AFTER));
        SystemTopology topology = new SystemTopology(definitions, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        queues = new ResourceProvisioner(sqs, dependencies.dynamoDb(), dependencies.s3())
                .provision(topology, new ResourceNames(LocalDependencies.STAGE));
    }

    @AfterAll
    static void stopEmulators() {
        emulators.close();
    }

    @Test
    void deletesABatchTheFunctionHandled() throws Exception {
        RecordingFunction function = RecordingFunction.succeeding();
        List<String> sent = send("success", "one", "two", "three");

        try (SqsEventSourcePoller ignored = poll("success", 10, function, 1)) {
            assertThat(eventually(DEADLINE, () -> isEmpty("success"))).isTrue();
        }

        assertThat(function.batches()).flatExtracting(batch -> batch).extracting(SQSEvent.SQSMessage::getMessageId)
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void keepsOnlyTheMessagesTheFunctionReportsAsFailedAndTheyComeBackAfterTheVisibilityTimeout() throws Exception {
        RecordingFunction function = new RecordingFunction((invocation, batch) -> RecordingFunction.failing(batch.stream()
                .filter(m -> m.getBody().equals("render-fails") && m.getAttributes().get("ApproximateReceiveCount").equals("1"))
                .map(SQSEvent.SQSMessage::getMessageId).toList()));
        send("partial", "ok-1", "render-fails", "ok-2");

        try (SqsEventSourcePoller ignored = poll("partial", 10, function, 1)) {
            assertThat(eventually(DEADLINE, () -> function.deliveriesOf("render-fails").size() == 2 && isEmpty("partial"))).isTrue();
        }

        assertThat(function.deliveriesOf("ok-1")).hasSize(1);
        assertThat(function.deliveriesOf("ok-2")).hasSize(1);
        assertThat(function.deliveriesOf("render-fails")).extracting(m -> m.getAttributes().get("ApproximateReceiveCount"))
                .containsExactly("1", "2");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exception", "error"})
    void keepsTheWholeBatchWhenTheFunctionThrows(String thrown) throws Exception {
        String queue = "thrown-" + thrown;
        RecordingFunction function = new RecordingFunction((invocation, batch) -> {
            if (invocation == 1 && thrown.equals("error")) {
                throw new AssertionError("handler bug");
            }
            if (invocation == 1) {
                throw new IllegalStateException("table missing");
            }
            return new SQSBatchResponse(List.of());
        });
        send(queue, "a", "b", "c");

        try (SqsEventSourcePoller ignored = poll(queue, 10, function, 1)) {
            assertThat(eventually(DEADLINE, () -> function.batches().size() >= 2 && isEmpty(queue))).isTrue();
        }

        // Every message of the failed invocation was delivered again, and the poller went on after an Error too.
        for (SQSEvent.SQSMessage failed : function.batches().getFirst()) {
            assertThat(function.deliveriesOf(failed.getBody())).extracting(m -> m.getAttributes().get("ApproximateReceiveCount"))
                    .containsExactly("1", "2");
        }
    }

    /** AWS: an itemIdentifier that is empty, null or not a message id of the batch fails the whole batch. */
    @ParameterizedTest(name = "[{index}] itemIdentifier ''{0}''")
    @NullSource
    @ValueSource(strings = {"", "not-a-message-id"})
    void keepsTheWholeBatchWhenAFailureEntryNamesNoMessageOfIt(String itemIdentifier) throws Exception {
        String queue = itemIdentifier == null ? "null-id" : itemIdentifier.isEmpty() ? "empty-id" : "unknown-id";
        RecordingFunction function = new RecordingFunction((invocation, batch) -> invocation == 1
                ? new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(itemIdentifier)))
                : new SQSBatchResponse(List.of()));
        send(queue, "x", "y");

        try (SqsEventSourcePoller ignored = poll(queue, 10, function, 1)) {
            assertThat(eventually(DEADLINE, () -> function.batches().size() >= 2 && isEmpty(queue))).isTrue();
        }

        for (SQSEvent.SQSMessage failed : function.batches().getFirst()) {
            assertThat(function.deliveriesOf(failed.getBody())).hasSize(2);
        }
    }

    @Test
    void aMessageThatKeepsFailingLandsInTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
        RecordingFunction function = new RecordingFunction((invocation, batch) ->
                RecordingFunction.failing(batch.stream().map(SQSEvent.SQSMessage::getMessageId).toList()));
        String poisonId = send("poison", "{\"email\":").getFirst();
        List<Message> dead = new ArrayList<>();

        try (SqsEventSourcePoller ignored = poll("poison", 10, function, 1)) {
            assertThat(eventually(DEADLINE, () -> {
                dead.addAll(sqs.receiveMessage(r -> r.queueUrl(queues.queueUrls().get("poison-dlq")).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
                return !dead.isEmpty();
            })).isTrue();
        }

        assertThat(dead).extracting(Message::messageId).containsExactly(poisonId);
        assertThat(function.deliveriesOf("{\"email\":")).extracting(m -> m.getAttributes().get("ApproximateReceiveCount"))
                .containsExactly("1", "2");
        assertThat(isEmpty("poison")).isTrue();
    }

    @Test
    void handsOverRecordsAsLambdaBuildsThem() throws Exception {
        RecordingFunction function = RecordingFunction.succeeding();
        long before = System.currentTimeMillis();
        String body = "{\"tenant\":\"sos-expat\"}";
        String id = sqs.sendMessage(r -> r.queueUrl(queues.queueUrls().get("records")).messageBody(body).messageAttributes(Map.of(
                "tenant", MessageAttributeValue.builder().dataType("String").stringValue("sos-expat").build(),
                "attempt", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                "digest", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build())))
                .messageId();

        try (SqsEventSourcePoller ignored = poll("records", 10, function, 1)) {
            assertThat(eventually(DEADLINE, () -> !function.batches().isEmpty())).isTrue();
        }

        SQSEvent.SQSMessage record = function.batches().getFirst().getFirst();
        assertThat(record.getMessageId()).isEqualTo(id);
        assertThat(record.getReceiptHandle()).isNotBlank();
        assertThat(record.getBody()).isEqualTo(body);
        assertThat(record.getMd5OfBody()).isEqualTo(md5(body));
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo(queues.queueArns().get("records"))
                .isEqualTo("arn:aws:sqs:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":ee-test-records");
        assertThat(record.getAwsRegion()).isEqualTo(LocalAccount.REGION);
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
                .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp", "SenderId");
        assertThat(Long.parseLong(record.getAttributes().get("SentTimestamp"))).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(record.getMessageAttributes()).containsOnlyKeys("tenant", "attempt", "digest");
        assertThat(record.getMessageAttributes().get("tenant").getDataType()).isEqualTo("String");
        assertThat(record.getMessageAttributes().get("tenant").getStringValue()).isEqualTo("sos-expat");
        assertThat(record.getMessageAttributes().get("attempt").getDataType()).isEqualTo("Number");
        assertThat(record.getMessageAttributes().get("attempt").getStringValue()).isEqualTo("3");
        assertThat(record.getMessageAttributes().get("digest").getDataType()).isEqualTo("Binary");
        byte[] digest = new byte[3];
        record.getMessageAttributes().get("digest").getBinaryValue().duplicate().get(digest);
        assertThat(digest).containsExactly(1, 2, 3);
    }

    @Test
    void handsOverBatchesNoLargerThanTheTriggersBatchSize() throws Exception {
        RecordingFunction function = RecordingFunction.succeeding();
        List<String> sent = send("batch-size", IntStream.rangeClosed(1, 7).mapToObj(i -> "m" + i).toArray(String[]::new));

        try (SqsEventSourcePoller ignored = poll("batch-size", 3, function, 1)) {
            assertThat(eventually(DEADLINE, () -> isEmpty("batch-size"))).isTrue();
        }

        assertThat(function.batches()).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 3));
        assertThat(function.batches()).flatExtracting(batch -> batch).extracting(SQSEvent.SQSMessage::getMessageId)
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void closeReturnsPromptlyDuringALongPollAndConsumesNothingAfterwards() throws Exception {
        CountDownLatch handled = new CountDownLatch(1);
        RecordingFunction function = new RecordingFunction((invocation, batch) -> {
            handled.countDown();
            return new SQSBatchResponse(List.of());
        });
        SqsEventSourcePoller poller = poll("long-poll", 10, function, 20);
        send("long-poll", "first");
        assertThat(handled.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // Back polling the empty queue, with a 20 s wait asked for: close() must not wait that out.
        assertThat(eventually(DEADLINE, () -> isReceiving("ee-poller-long-poll"))).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(poller::close);
        assertThat(closing).succeedsWithin(Duration.ofSeconds(10));

        send("long-poll", "after close");
        List<Message> left = sqs.receiveMessage(r -> r.queueUrl(queues.queueUrls().get("long-poll")).waitTimeSeconds(5)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertThat(left).extracting(Message::body).containsExactly("after close");
        assertThat(left.getFirst().attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        assertThat(function.batches()).hasSize(1);
    }

    @Test
    void closeLetsTheBatchInHandFinish() throws Exception {
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        RecordingFunction function = new RecordingFunction((invocation, batch) -> {
            inHand.countDown();
            try {
                mayFinish.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted while handling", e);
            }
            return new SQSBatchResponse(List.of());
        });
        SqsEventSourcePoller poller = poll("in-hand", 10, function, 1);
        send("in-hand", "slow");
        assertThat(inHand.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Thread closer = Thread.ofPlatform().start(poller::close);
        assertThat(eventually(DEADLINE, () -> closer.getState() == Thread.State.TIMED_WAITING)).isTrue();
        mayFinish.countDown();
        closer.join(DEADLINE);

        assertThat(closer.isAlive()).isFalse();
        assertThat(isEmpty("in-hand")).as("the finished batch was deleted").isTrue();
    }

    private static SqsEventSourcePoller poll(String queue, int batchSize, RecordingFunction function, int waitSeconds) {
        return SqsEventSourcePoller.start(sqs, new QueueTrigger(queue, queue + "-function", batchSize, Duration.ZERO),
                queues.queueUrls().get(queue), queues.queueArns().get(queue), LocalAccount.REGION,
                function.asFunction(queue + "-function"), waitSeconds);
    }

    private static List<String> send(String queue, String... bodies) {
        return Arrays.stream(bodies)
                .map(body -> sqs.sendMessage(r -> r.queueUrl(queues.queueUrls().get(queue)).messageBody(body)).messageId())
                .toList();
    }

    /** No message visible and none in flight: everything sent was deleted (or moved to the DLQ). */
    private static boolean isEmpty(String queue) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(queues.queueUrls().get(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).equals("0")
                && counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).equals("0");
    }

    /** Whether the poller's thread is inside a ReceiveMessage call right now. */
    private static boolean isReceiving(String threadName) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals(threadName))
                .anyMatch(thread -> Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getMethodName().equals("receiveMessage")));
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
