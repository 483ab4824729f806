package com.emailengine.emulators.cloud;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS on ElasticMQ, embedded in this JVM: in memory, or with a data folder kept there ({@link SqsMessageStore}), so
 * that queues and messages, in flight or not, survive a stop and a killed process. Queue URLs carry the real host and
 * port, also when port 0 was asked for. Thread-safe: any thread may use the endpoint; {@link #close()} is idempotent.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);
    private static final String NAME = "SQS (ElasticMQ)";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Stopped by this class, not by Pekko's own JVM hook, so that it can outlive the engine's last deletes. */
    private static final Config ACTOR_CONFIG = ConfigFactory
            .parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
            .withFallback(ConfigFactory.load());

    private final SQSRestServer server;
    private final ActorSystem actors;
    private final Optional<SqsMessageStore> store;
    private final URI endpoint;
    private final Duration startupTime;
    /** Set right after the start; null only if the JVM began to exit in between (its hook then closes this). */
    private volatile StopAtExit atExit;
    private boolean closed;

    private EmbeddedSqs(SQSRestServer server, ActorSystem actors, Optional<SqsMessageStore> store, URI endpoint,
            Duration startupTime) {
        this.server = server;
        this.actors = actors;
        this.store = store;
        this.endpoint = endpoint;
        this.startupTime = startupTime;
    }

    /** In memory: nothing is kept after {@link #close()}. */
    public static EmbeddedSqs start(String host, int port) {
        return start(host, port, Optional.empty());
    }

    /** With a data folder, queues and messages are kept there and restored by the next start on it. */
    public static EmbeddedSqs start(String host, int port, Optional<Path> dataDir) {
        ListeningPort.requireFree(NAME, host, port);
        long started = System.nanoTime();
        ActorSystem actors = ActorSystem.create("elasticmq", ACTOR_CONFIG);
        Optional<SqsMessageStore> store = Optional.empty();
        SQSRestServer server;
        try {
            store = dataDir.map(SqsMessageStore::open);
            // No withServerAddress: ElasticMQ then builds queue URLs from the interface and the port it
            // actually bound, which is what a client needs when port 0 was asked for. An explicit address
            // would be frozen before the bind, and URLs would read ":0".
            TheSQSRestServerBuilder builder = SQSRestServerBuilder
                    .withActorSystem(actors)
                    .withInterface(host)
                    .withPort(port)
                    .withAWSRegion(LocalAccount.REGION)
                    .withAWSAccountId(LocalAccount.ACCOUNT_ID);
            if (store.isPresent()) {
                builder = builder.withQueueManagerActor(store.get().restoreInto(actors));
            }
            server = builder.start();
        } catch (RuntimeException e) {
            stopActors(actors);
            store.ifPresent(SqsMessageStore::close);
            throw e instanceof EmulatorStartException clear ? clear : failure(host, port, e);
        }
        Http.ServerBinding binding;
        try {
            binding = server.waitUntilStarted();
        } catch (RuntimeException e) {
            server.stopAndWait();
            stopActors(actors);
            store.ifPresent(SqsMessageStore::close);
            throw failure(host, port, e);
        }
        URI endpoint = URI.create("http://" + host + ":" + binding.localAddress().getPort());
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        EmbeddedSqs sqs = new EmbeddedSqs(server, actors, store, endpoint, startupTime);
        sqs.atExit = StopAtExit.register(NAME + " at " + endpoint, sqs::close);
        LOG.info("{} listening at {} ({}, started in {} ms)", NAME, endpoint,
                store.map(s -> "messages kept in " + s.folder()).orElse("in memory"), startupTime.toMillis());
        return sqs;
    }

    public URI endpoint() {
        return endpoint;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /**
     * At JVM exit, stops only after {@code owner} completes (or {@code atMost} has passed), so that the engine's
     * pollers and fleet can still delete or release the messages they hold while they stop.
     */
    public void stopAtExitAfter(CompletableFuture<?> owner, Duration atMost) {
        atExit.after(owner, atMost);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stopAndWait();
        // The actors write to the store until they stop; only then may it close.
        stopActors(actors);
        store.ifPresent(SqsMessageStore::close);
        StopAtExit exit = atExit;
        if (exit != null) {
            exit.unregister();
        }
        LOG.info("{} at {} stopped", NAME, endpoint);
    }

    private static void stopActors(ActorSystem actors) {
        try {
            actors.terminate();
            actors.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{}: its actors did not stop within {} s: {}", NAME, STOP_TIMEOUT.toSeconds(), e.toString());
        }
    }

    private static EmulatorStartException failure(String host, int port, RuntimeException e) {
        if (ListeningPort.isBindFailure(e)) {
            return EmulatorStartException.portInUse(NAME, host, port, e);
        }
        return new EmulatorStartException(NAME + " failed to start on " + host + ":" + port + ": " + e, e);
    }
}
