package com.emailengine.emulators.cloud;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 on s3proxy, embedded in this JVM: jclouds' {@code transient} store (memory) by default, its
 * {@code filesystem} store in a data folder when one is given (one sub-folder per bucket). Requests must
 * be signed (V2 or V4) with the {@link LocalAccount} keys and use path-style addressing. SDK v2 clients must
 * set {@code requestChecksumCalculation(WHEN_REQUIRED)}: s3proxy 2.6.0 cannot decode the signed aws-chunked
 * uploads with a checksum trailer that the SDK sends by default over plain HTTP, and refuses the
 * {@code x-amz-checksum-crc32} header that the default puts on GetObject. CreateBucket with the local
 * region as LocationConstraint is accepted (see {@link LocalRegionBlobStore}).
 *
 * <p>s3proxy shades its own Jetty and runs on this module's classpath next to ElasticMQ (Pekko HTTP, no
 * Jetty) without a class loader or process of its own; its logback binding is excluded in the pom.
 *
 * <p>Thread-safe: any thread may use the endpoint; {@link #close()} is idempotent.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final String NAME = "S3 (s3proxy)";

    private final S3Proxy proxy;
    private final BlobStoreContext store;
    private final URI endpoint;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext store, URI endpoint, Duration startupTime) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = endpoint;
        this.startupTime = startupTime;
    }

    public static EmbeddedS3 start(String host, int port, Optional<Path> dataDir) {
        ListeningPort.requireFree(NAME, host, port);
        long started = System.nanoTime();
        BlobStoreContext store = openStore(dataDir);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new LocalRegionBlobStore(store.getBlobStore(), LocalAccount.REGION))
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalAccount.ACCESS_KEY_ID,
                        LocalAccount.SECRET_ACCESS_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            stopQuietly(proxy);
            store.close();
            if (ListeningPort.isBindFailure(e)) {
                throw EmulatorStartException.portInUse(NAME, host, port, e);
            }
            throw new EmulatorStartException(NAME + " failed to start on " + host + ":" + port + ": " + e, e);
        }
        URI endpoint = URI.create("http://" + host + ":" + proxy.getPort());
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("{} listening at {} ({}, started in {} ms)", NAME, endpoint,
                dataDir.map(dir -> "data in " + dir).orElse("in memory"), startupTime.toMillis());
        return new EmbeddedS3(proxy, store, endpoint, startupTime);
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
        stopQuietly(proxy);
        store.close();
        LOG.info("{} at {} stopped", NAME, endpoint);
    }

    private static BlobStoreContext openStore(Optional<Path> dataDir) {
        Properties overrides = new Properties();
        dataDir.ifPresent(dir -> overrides.setProperty(FilesystemConstants.PROPERTY_BASEDIR,
                createDirectories(dir).toString()));
        // jclouds' own identity is unused by these two stores; s3proxy checks the client's keys.
        return ContextBuilder.newBuilder(dataDir.isPresent() ? "filesystem" : "transient")
                .credentials("unused", "unused")
                .overrides(overrides)
                .modules(List.of(new SLF4JLoggingModule()))
                .buildView(BlobStoreContext.class);
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new EmulatorStartException(NAME + " cannot create its data folder " + dir + ": " + e
                    + ". Choose a writable folder.", e);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("{} did not stop cleanly: {}", NAME, e.toString());
        }
    }
}
