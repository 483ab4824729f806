package com.emailengine.emulators.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.emulators.fixtures.LocalClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** With a data folder, SQS keeps what it answered as SQS does: across a stop, and across a killed process. */
class EmbeddedSqsDataFolderTest {

    /** Enough answered sends that H2's default write delay (500 ms) would lose some of them to the kill. */
    private static final int ANSWERED_BEFORE_KILL = 300;
    private static final int IN_FLIGHT = 20;
    /** Longer than a stop and a start take, shorter than a receive may wait. */
    private static final int RECEIVED_FOR_SECONDS = 6;

    @TempDir
    Path data;

    @Test
    void keepsQueuesMessagesAndDeletesAcrossAStopAndHidesAReceivedMessageUntilItsVisibilityTimeoutEnds() throws Exception {
        try (EmbeddedSqs first = persistentSqs(); SqsClient client = LocalClients.sqs(first.endpoint())) {
            String url = client.createQueue(r -> r.queueName("kept").attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "45"))).queueUrl();
            for (String body : List.of("deleted", "received", "waiting")) {
                client.sendMessage(r -> r.queueUrl(url).messageBody(body));
            }
            for (Message message : receiveAll(client, url, 3, RECEIVED_FOR_SECONDS)) {
                if (message.body().equals("deleted")) {
                    client.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                } else if (message.body().equals("waiting")) {
                    client.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(message.receiptHandle())
                            .visibilityTimeout(0));
                }
            }
        }

        try (EmbeddedSqs second = persistentSqs(); SqsClient client = LocalClients.sqs(second.endpoint())) {
            String url = client.getQueueUrl(r -> r.queueName("kept")).queueUrl();
            List<Message> atOnce = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            Message later = client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(10).messageSystemAttributeNames(
                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().getFirst();

            assertThat(atOnce).extracting(Message::body).containsExactly("waiting");
            assertThat(later.body()).as("hidden for the %d s it was received for, then back", RECEIVED_FOR_SECONDS)
                    .isEqualTo("received");
            assertThat(later.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
            assertThat(client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .attributes()).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45");
        }
    }

    @Test
    void refusesTheFolderWhileAnotherJvmKeepsItsMessagesThereAndKeepsEveryAnsweredSendAndInFlightMessageWhenThatJvmIsKilled()
            throws Exception {
        Process jvm = otherJvm();
        OtherJvmOutput output = new OtherJvmOutput();
        int answered;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            output.readUntil(lines, SqsInAnotherJvm.ANSWERED + 1);
            assertThatThrownBy(this::persistentSqs).as("a second SQS on the folder while the first runs")
                    .isInstanceOf(EmulatorStartException.class)
                    .hasMessageContaining("cannot open its message database in " + data.toAbsolutePath())
                    .hasMessageContaining("Database may be already in use")
                    .hasMessageContaining("Is another engine running on this data folder?");

            output.readUntil(lines, SqsInAnotherJvm.ANSWERED + ANSWERED_BEFORE_KILL);
            // SIGKILL: no shutdown hook, no close, only what is on disk. Through the handle, which leaves the pipe open
            // (Process.destroyForcibly closes it): what the JVM printed before it died is still to be read there.
            jvm.toHandle().destroyForcibly();
            answered = output.readUntil(lines, null);
        } finally {
            jvm.destroyForcibly();
        }
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (EmbeddedSqs restarted = persistentSqs(); SqsClient client = LocalClients.sqs(restarted.endpoint())) {
            String url = client.getQueueUrl(r -> r.queueName(SqsInAnotherJvm.QUEUE)).queueUrl();
            Set<String> visible = bodies(drain(client, url));
            // The dead JVM's receipts still name the messages it held: releasing them is what a timeout would do.
            output.receipts.forEach(receipt -> client.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(receipt)
                    .visibilityTimeout(0)));
            Set<String> released = bodies(drain(client, url));

            assertThat(answered).isGreaterThanOrEqualTo(ANSWERED_BEFORE_KILL);
            for (int n = 1; n <= answered; n++) {
                assertThat(visible).as("answered send %d of %d; the other JVM's output: %s", n, answered, output.other)
                        .contains("answered " + n);
            }
            assertThat(visible).as("in-flight messages stay hidden").noneMatch(body -> body.startsWith("in-flight"));
            assertThat(output.receipts).hasSize(IN_FLIGHT);
            for (int i = 0; i < IN_FLIGHT; i++) {
                assertThat(released).as("in-flight message %d", i).contains("in-flight " + i);
            }
        }
    }

    @Test
    void refusesASecondDataFolderInTheSameJvmUntilTheFirstIsClosed(@TempDir Path other) {
        try (EmbeddedSqs first = persistentSqs()) {
            assertThatThrownBy(() -> EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0, Optional.of(other)))
                    .isInstanceOf(EmulatorStartException.class)
                    .hasMessageContaining("already keeps SQS messages in " + data.toAbsolutePath())
                    .hasMessageContaining("Stop the other first, or start this one without a data folder");
        }
        try (EmbeddedSqs second = EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0, Optional.of(other));
                SqsClient client = LocalClients.sqs(second.endpoint())) {
            assertThat(client.listQueues().queueUrls()).isEmpty();
        }
    }

    /** A known gap, pinned so that an ElasticMQ that fixes it is noticed: the engine never purges a queue. */
    @Test
    void aPurgeIsNotKeptSoPurgedMessagesComeBackAfterARestart() {
        try (EmbeddedSqs first = persistentSqs(); SqsClient client = LocalClients.sqs(first.endpoint())) {
            String url = client.createQueue(r -> r.queueName("purged")).queueUrl();
            client.sendMessage(r -> r.queueUrl(url).messageBody("purged, yet kept"));
            client.purgeQueue(r -> r.queueUrl(url));
            assertThat(client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
        }
        try (EmbeddedSqs second = persistentSqs(); SqsClient client = LocalClients.sqs(second.endpoint())) {
            String url = client.getQueueUrl(r -> r.queueName("purged")).queueUrl();
            assertThat(client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages())
                    .extracting(Message::body).containsExactly("purged, yet kept");
        }
    }

    private Process otherJvm() throws IOException {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), SqsInAnotherJvm.class.getName(), data.toString(),
                Integer.toString(IN_FLIGHT)).redirectErrorStream(true).start();
    }

    private EmbeddedSqs persistentSqs() {
        return EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0, Optional.of(data));
    }

    private static List<Message> receiveAll(SqsClient client, String url, int count, int visibilitySeconds) {
        List<Message> received = new ArrayList<>();
        while (received.size() < count) {
            received.addAll(client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(visibilitySeconds)).messages());
        }
        return received;
    }

    /** Receives and deletes until a receive waiting a second returns nothing. */
    private static List<Message> drain(SqsClient client, String url) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (!batch.isEmpty()) {
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                for (Message message : batch) {
                    entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                            .receiptHandle(message.receiptHandle()).build());
                }
                assertThat(client.deleteMessageBatch(r -> r.queueUrl(url).entries(entries)).failed()).isEmpty();
            }
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private static Set<String> bodies(List<Message> messages) {
        Set<String> bodies = new HashSet<>();
        messages.forEach(message -> bodies.add(message.body()));
        return bodies;
    }

    /** The other JVM's lines: the receipts it printed, the last send it said was answered, and anything else. */
    private static final class OtherJvmOutput {
        final List<String> receipts = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        private int answered;

        /** Reads up to the line {@code wanted}, or to the end when {@code wanted} is null; returns the last send answered. */
        int readUntil(BufferedReader lines, String wanted) throws IOException {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.matches(SqsInAnotherJvm.ANSWERED + "[0-9]+")) {
                    // max: the line the kill cut short, if any, is a shorter number than the one before it
                    answered = Math.max(answered, Integer.parseInt(line.substring(SqsInAnotherJvm.ANSWERED.length())));
                } else if (line.startsWith(SqsInAnotherJvm.RECEIPT)) {
                    receipts.add(line.substring(SqsInAnotherJvm.RECEIPT.length()));
                } else if (!line.startsWith("WARNING:")) {
                    other.add(line);
                }
                if (line.equals(wanted)) {
                    return answered;
                }
            }
            if (wanted != null) {
                throw new AssertionError("the other JVM ended before printing '" + wanted + "': " + other);
            }
            return answered;
        }
    }
}
