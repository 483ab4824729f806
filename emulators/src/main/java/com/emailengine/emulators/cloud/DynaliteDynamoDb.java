package com.emailengine.emulators.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB on dynalite (Apache-2.0, LevelDB based), run as a Node.js child process of this JVM: in memory,
 * or on disk in a data folder. Where Node.js and dynalite are found: see {@link DynaliteInstallation}.
 *
 * <p>The child never outlives the JVM: {@link #close()} stops it, a shutdown hook stops it on a normal
 * exit, and because it stops when its standard input closes (the JVM holds that pipe), the kernel stops
 * it when the JVM is killed. Tables are ACTIVE as soon as they are created.
 *
 * <p>dynalite 4.0.0 has no TransactWriteItems, TransactGetItems or UpdateTimeToLive (DescribeTimeToLive
 * only); code that needs those cannot run against it.
 *
 * <p>Thread-safe: any thread may use the endpoint; {@link #close()} is idempotent.
 */
public final class DynaliteDynamoDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynaliteDynamoDb.class);
    private static final Logger CHILD_LOG = LoggerFactory.getLogger("dynalite");
    private static final String NAME = "DynamoDB (dynalite)";
    private static final String LAUNCHER = launcherScript();
    private static final String READY = "DYNALITE_READY ";
    private static final String FAILED = "DYNALITE_FAILED ";
    private static final String UNCAUGHT = "DYNALITE_UNCAUGHT ";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final URI endpoint;
    private final Duration startupTime;
    /** Set right after the start; null only if the JVM began to exit in between (its hook then closes this). */
    private volatile StopAtExit atExit;
    private boolean closed;

    private DynaliteDynamoDb(Process process, URI endpoint, Duration startupTime) {
        this.process = process;
        this.endpoint = endpoint;
        this.startupTime = startupTime;
    }

    public static DynaliteDynamoDb start(String host, int port, Optional<Path> dataDir) {
        ListeningPort.requireFree(NAME, host, port);
        DynaliteInstallation installation = DynaliteInstallation.locate();
        long started = System.nanoTime();
        Process process = launch(installation, host, port, dataDir);
        // Registered before the wait, so that an exit of this JVM while dynalite starts still stops it.
        Thread earlyHook = new Thread(() -> stop(process), "dynalite-shutdown");
        Runtime.getRuntime().addShutdownHook(earlyHook);
        CompletableFuture<Integer> boundPort = new CompletableFuture<>();
        ChildProcessLog output = ChildProcessLog.follow("dynalite-output", process.getInputStream(), CHILD_LOG,
                line -> onLine(line, boundPort),
                () -> boundPort.completeExceptionally(new IllegalStateException("exited before it was ready")));
        URI endpoint;
        try {
            endpoint = URI.create("http://" + host + ":" + awaitReady(boundPort, host, port, output));
            awaitAnswer(endpoint);
        } catch (RuntimeException e) {
            stop(process);
            removeHook(earlyHook);
            throw e;
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        DynaliteDynamoDb dynamoDb = new DynaliteDynamoDb(process, endpoint, startupTime);
        dynamoDb.atExit = StopAtExit.register(NAME + " at " + endpoint, dynamoDb::close);
        removeHook(earlyHook);
        // A dynalite that dies under a running suite shows up only as "connection refused" in some later test: say why.
        process.onExit().thenAccept(exited -> {
            if (!dynamoDb.isClosed()) {
                LOG.warn("{} at {} exited unexpectedly with code {}; its last output: {}", NAME, endpoint, exited.exitValue(),
                        output.lastLines());
            }
        });
        LOG.info("{} listening at {} ({}, pid {}, started in {} ms)", NAME, endpoint,
                dataDir.map(dir -> "data in " + dir).orElse("in memory"), process.pid(), startupTime.toMillis());
        return dynamoDb;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * At JVM exit, stops only after {@code owner} completes (or {@code atMost} has passed): shutdown hooks run side by
     * side, and whoever uses this DynamoDB (the local cloud's fleet writing its traffic counts and giving its leases up)
     * must finish first. The owner completes it once it has closed this emulator itself, or found nothing to write.
     */
    public void stopAtExitAfter(CompletableFuture<?> owner, Duration atMost) {
        atExit.after(owner, atMost);
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** The Node.js process id, for checks that it is gone. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop(process);
        StopAtExit exit = atExit;
        if (exit != null) {
            exit.unregister();
        }
        LOG.info("{} at {} stopped", NAME, endpoint);
    }

    private static Process launch(DynaliteInstallation installation, String host, int port, Optional<Path> dataDir) {
        List<String> command = new ArrayList<>(List.of(installation.node(), "-e", LAUNCHER,
                installation.packageDir().toString(), host, Integer.toString(port)));
        dataDir.ifPresent(dir -> command.add(createDirectories(dir).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // dynalite writes these into table ARNs.
        builder.environment().put("AWS_REGION", LocalAccount.REGION);
        builder.environment().put("AWS_ACCOUNT_ID", LocalAccount.ACCOUNT_ID);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new EmulatorStartException(NAME + " cannot start: running '" + installation.node() + "' failed ("
                    + e.getMessage() + "). Point -D" + DynaliteInstallation.NODE_PROPERTY + " at a Node.js binary.", e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new EmulatorStartException(NAME + " cannot create its data folder " + dir + ": " + e
                    + ". Choose a writable folder.", e);
        }
    }

    private static void onLine(String line, CompletableFuture<Integer> boundPort) {
        if (line.startsWith(READY)) {
            boundPort.complete(Integer.parseInt(line.substring(READY.length()).trim()));
        } else if (line.startsWith(FAILED)) {
            boundPort.completeExceptionally(new LaunchFailure(line.substring(FAILED.length())));
        } else if (line.startsWith(UNCAUGHT)) {
            LOG.warn("{} survived an error it did not handle: {}", NAME, line.substring(UNCAUGHT.length()));
        }
    }

    private static int awaitReady(CompletableFuture<Integer> boundPort, String host, int port, ChildProcessLog output) {
        try {
            return boundPort.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LaunchFailure failure && failure.getMessage().startsWith("EADDRINUSE")) {
                throw EmulatorStartException.portInUse(NAME, host, port, failure);
            }
            throw new EmulatorStartException(NAME + " did not start: " + e.getCause().getMessage()
                    + ". Its last output: " + output.lastLines(), e.getCause());
        } catch (TimeoutException e) {
            throw new EmulatorStartException(NAME + " did not report ready within " + READY_TIMEOUT.toSeconds()
                    + " s. Its last output: " + output.lastLines(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorStartException(NAME + " start was interrupted", e);
        }
    }

    /** Listening is not yet answering: one HTTP round trip proves the server handles requests. */
    private static void awaitAnswer(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(5_000);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            LOG.debug("{} answered HTTP {}", NAME, status);
        } catch (IOException e) {
            throw new EmulatorStartException(NAME + " reported ready at " + endpoint + " but does not answer HTTP: " + e
                    + ". Check its output above.", e);
        }
    }

    /** Asks for a graceful stop (closing stdin lets LevelDB flush), then insists. */
    private static void stop(Process process) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) did not stop within {} s of its input closing; terminating it", NAME,
                        process.pid(), STOP_GRACE.toSeconds());
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is what is running us, or about to: nothing to remove.
        }
    }

    private static String launcherScript() {
        try (InputStream script = DynaliteDynamoDb.class.getResourceAsStream("dynalite-launcher.js")) {
            if (script == null) {
                throw new IllegalStateException("dynalite-launcher.js is missing from the classpath");
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher's FAILED line: error code, then message. */
    private static final class LaunchFailure extends Exception {
        private static final long serialVersionUID = 1L;

        LaunchFailure(String message) {
            super(message, null, false, false);
        }
    }
}
