package com.emailengine.bench;

import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.emulators.cloud.EmbeddedSqs;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.platform.aws.AwsClients;
import com.emailengine.platform.runtime.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What keeping SQS messages in a data folder costs (decision D44): the embedded ElasticMQ in memory, then with its H2
 * store, each measured with the engine's own SQS client: single sends from one thread and from several, sends in
 * batches of ten, receive-and-delete in batches of ten; with a data folder, also how long a start takes that
 * restores the messages sent. Prints one line per figure.
 *
 * <p>Usage: {@code SqsPersistenceProbe [messages=2000] [threads=8]}; bench/sqs-persistence.sh runs it.
 */
public final class SqsPersistenceProbe {

    private static final String BODY = "{\"contacts\":[" + "{\"email\":\"someone@example.test\",\"tenant\":\"sos-expat\"},".repeat(40)
            + "{}]}";

    private static final int WARM_UP = 500;

    private SqsPersistenceProbe() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        System.out.printf("body %d bytes, %d messages per figure, %d threads%n", BODY.length(), messages, threads);
        measure("memory", Optional.empty(), messages, threads);
        Path data = Files.createTempDirectory("sqs-persistence-probe");
        measure("data folder", Optional.of(data), messages, threads);
        try (EmbeddedSqs restarted = EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0, Optional.of(data))) {
            System.out.printf("data folder: a start restoring the %,d messages kept: %d ms%n",
                    WARM_UP + messages / 10 + messages, restarted.startupTime().toMillis());
        }
        deleteTree(data);
    }

    private static void measure(String mode, Optional<Path> data, int messages, int threads) throws Exception {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0, data);
                AwsClients aws = new AwsClients(Settings.of(CloudEndpoints.forLocalAccount(sqs.endpoint(),
                        URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1")).settings("probe")));
                SqsClient client = aws.sqs()) {
            String warmUp = client.createQueue(r -> r.queueName("warm-up")).queueUrl();
            run(1, WARM_UP, i -> client.sendMessage(r -> r.queueUrl(warmUp).messageBody(BODY)));
            String kept = client.createQueue(r -> r.queueName("kept")).queueUrl();
            String work = client.createQueue(r -> r.queueName("work")).queueUrl();
            report(mode, "SendMessage, 1 thread", messages / 10, run(1, messages / 10,
                    i -> client.sendMessage(r -> r.queueUrl(kept).messageBody(BODY))));
            report(mode, "SendMessage, " + threads + " threads", messages, run(threads, messages,
                    i -> client.sendMessage(r -> r.queueUrl(work).messageBody(BODY))));
            report(mode, "SendMessageBatch of 10, " + threads + " threads", messages, run(threads, messages / 10,
                    i -> client.sendMessageBatch(r -> r.queueUrl(kept).entries(batch()))));
            AtomicInteger left = new AtomicInteger(messages);
            // Each thread receives and deletes until the queue's messages are all gone: a receive may bring fewer than 10.
            report(mode, "ReceiveMessage + DeleteMessageBatch of 10, " + threads + " threads", messages, run(threads,
                    threads, i -> receiveAndDeleteUntilNoneLeft(client, work, left)));
        }
    }

    private static void receiveAndDeleteUntilNoneLeft(SqsClient client, String url, AtomicInteger left) {
        while (left.get() > 0) {
            List<Message> received = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            if (received.isEmpty()) {
                continue;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message message : received) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
            client.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
            left.addAndGet(-received.size());
        }
    }

    private static List<SendMessageBatchRequestEntry> batch() {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(BODY).build());
        }
        return entries;
    }

    /** Runs {@code calls} calls of {@code call} on {@code threads} threads; returns the nanoseconds taken. */
    private static long run(int threads, int calls, IntConsumer call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        call.accept(i);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return System.nanoTime() - started;
    }

    private static void report(String mode, String what, int messages, long nanos) {
        System.out.printf("%s: %s: %,d messages/s (%d messages in %d ms)%n", mode, what,
                Math.round(messages / (nanos / 1e9)), messages, nanos / 1_000_000);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
