package com.emailengine.emulators.cloud;

import java.net.URI;
import java.time.Duration;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS on ElasticMQ, embedded in this JVM, in memory. Queue URLs carry the real host and port, also when
 * port 0 was asked for. Thread-safe: any thread may use the endpoint; {@link #close()} is idempotent.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);
    private static final String NAME = "SQS (ElasticMQ)";

    private final SQSRestServer server;
    private final URI endpoint;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedSqs(SQSRestServer server, URI endpoint, Duration startupTime) {
        this.server = server;
        this.endpoint = endpoint;
        this.startupTime = startupTime;
    }

    public static EmbeddedSqs start(String host, int port) {
        ListeningPort.requireFree(NAME, host, port);
        long started = System.nanoTime();
        SQSRestServer server;
        try {
            // No withServerAddress: ElasticMQ then builds queue URLs from the interface and the port it
            // actually bound, which is what a client needs when port 0 was asked for. An explicit address
            // would be frozen before the bind, and URLs would read ":0".
            server = SQSRestServerBuilder
                    .withInterface(host)
                    .withPort(port)
                    .withAWSRegion(LocalAccount.REGION)
                    .withAWSAccountId(LocalAccount.ACCOUNT_ID)
                    .start();
        } catch (RuntimeException e) {
            throw failure(host, port, e);
        }
        Http.ServerBinding binding;
        try {
            binding = server.waitUntilStarted();
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw failure(host, port, e);
        }
        URI endpoint = URI.create("http://" + host + ":" + binding.localAddress().getPort());
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("{} listening at {} (started in {} ms)", NAME, endpoint, startupTime.toMillis());
        return new EmbeddedSqs(server, endpoint, startupTime);
    }

    public URI endpoint() {
        return endpoint;
    }

    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stopAndWait();
        LOG.info("{} at {} stopped", NAME, endpoint);
    }

    private static EmulatorStartException failure(String host, int port, RuntimeException e) {
        if (ListeningPort.isBindFailure(e)) {
            return EmulatorStartException.portInUse(NAME, host, port, e);
        }
        return new EmulatorStartException(NAME + " failed to start on " + host + ":" + port + ": " + e, e);
    }
}
