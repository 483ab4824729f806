package com.emailengine.emulators.cloud;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cloud's SQS, DynamoDB and S3, started together (in parallel: ElasticMQ's actor system and the
 * Node.js child warm up at the same time) and stopped together. Ports 0 pick free ports; a data folder
 * makes SQS ({@code <dataDir>/sqs}), DynamoDB ({@code <dataDir>/dynamodb}) and S3 ({@code <dataDir>/s3}) persistent.
 *
 * <p>If one emulator fails to start, the others are stopped and the first failure is thrown as an
 * {@link EmulatorStartException} whose message names the problem and the fix.
 *
 * <p>Thread-safe: any thread may read the endpoints; {@link #close()} is idempotent.
 */
public final class LocalEmulators implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmulators.class);

    private final EmbeddedSqs sqs;
    private final DynaliteDynamoDb dynamoDb;
    private final EmbeddedS3 s3;
    private final CloudEndpoints endpoints;
    private boolean closed;

    private LocalEmulators(EmbeddedSqs sqs, DynaliteDynamoDb dynamoDb, EmbeddedS3 s3) {
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.endpoints = CloudEndpoints.forLocalAccount(sqs.endpoint(), dynamoDb.endpoint(), s3.endpoint());
    }

    public static LocalEmulators start(EmulatorSettings settings) {
        long started = System.nanoTime();
        String host = settings.host();
        Optional<Path> dynamoDbData = settings.dataDir().map(dir -> dir.resolve("dynamodb"));
        Optional<Path> s3Data = settings.dataDir().map(dir -> dir.resolve("s3"));
        Optional<Path> sqsData = settings.dataDir().map(dir -> dir.resolve("sqs"));
        // Platform threads: the starts spend their time in class initialisation, which pins a virtual
        // thread to its carrier, and with two cores two pinned starts would hold the third back.
        try (ExecutorService starters = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("emulator-start-", 1).daemon(true).factory())) {
            Future<DynaliteDynamoDb> dynamoDb = starters.submit(
                    () -> DynaliteDynamoDb.start(host, settings.dynamoDbPort(), dynamoDbData));
            Future<EmbeddedSqs> sqs = starters.submit(() -> EmbeddedSqs.start(host, settings.sqsPort(), sqsData));
            Future<EmbeddedS3> s3 = starters.submit(() -> EmbeddedS3.start(host, settings.s3Port(), s3Data));
            List<AutoCloseable> running = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            EmbeddedSqs startedSqs = await(sqs, running, failures);
            DynaliteDynamoDb startedDynamoDb = await(dynamoDb, running, failures);
            EmbeddedS3 startedS3 = await(s3, running, failures);
            if (!failures.isEmpty()) {
                closeAll(running);
                throw combined(failures);
            }
            LocalEmulators emulators = new LocalEmulators(startedSqs, startedDynamoDb, startedS3);
            LOG.info("local cloud ready in {} ms: SQS {} ({} ms), DynamoDB {} ({} ms), S3 {} ({} ms)",
                    (System.nanoTime() - started) / 1_000_000,
                    startedSqs.endpoint(), startedSqs.startupTime().toMillis(),
                    startedDynamoDb.endpoint(), startedDynamoDb.startupTime().toMillis(),
                    startedS3.endpoint(), startedS3.startupTime().toMillis());
            return emulators;
        }
    }

    /**
     * At JVM exit, SQS and DynamoDB stop only after {@code owner} completes (or {@code atMost} has passed): the JVM runs
     * shutdown hooks side by side, and the engine on them must finish its last writes and deletes first. S3 has no
     * hook of its own and stops with the JVM.
     */
    public void stopAtExitAfter(CompletableFuture<?> owner, Duration atMost) {
        sqs.stopAtExitAfter(owner, atMost);
        dynamoDb.stopAtExitAfter(owner, atMost);
    }

    public CloudEndpoints endpoints() {
        return endpoints;
    }

    public EmbeddedSqs sqs() {
        return sqs;
    }

    public DynaliteDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(List.of(sqs, dynamoDb, s3));
    }

    private static <T extends AutoCloseable> T await(Future<T> start, List<AutoCloseable> running,
            List<Throwable> failures) {
        try {
            T emulator = start.get();
            running.add(emulator);
            return emulator;
        } catch (ExecutionException e) {
            failures.add(e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
            return null;
        }
    }

    private static EmulatorStartException combined(List<Throwable> failures) {
        if (failures.size() == 1 && failures.getFirst() instanceof EmulatorStartException clear) {
            return clear;
        }
        String messages = failures.stream()
                .map(failure -> failure instanceof EmulatorStartException ? failure.getMessage() : failure.toString())
                .collect(Collectors.joining("\n"));
        EmulatorStartException combined = new EmulatorStartException(messages, failures.getFirst());
        failures.stream().skip(1).forEach(combined::addSuppressed);
        return combined;
    }

    private static void closeAll(List<AutoCloseable> emulators) {
        for (AutoCloseable emulator : emulators) {
            try {
                emulator.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", emulator.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
