package com.emailengine.emulators.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;
import scala.Option;
import scala.collection.immutable.List$;
import scala.util.Left;

/**
 * ElasticMQ's queues and messages in an H2 database in a data folder ({@code <dir>/messages.mv.db}), through its SQL
 * persistence: every send, receive (the new visibility and receive count), visibility change and delete is written
 * before SQS answers it, and a start restores the queues with their messages, in-flight ones hidden until their
 * visibility timeout ends, as SQS keeps them.
 *
 * <p>{@code WRITE_DELAY=0} makes H2 write each change to its file when it commits: with H2's default (500 ms) the last
 * half second of answered sends is lost when the process is killed. The file is written, not synced: a killed process
 * loses nothing, a machine that loses power may lose the last writes.
 *
 * <p>One per JVM at a time: ElasticMQ's SQL persistence uses scalikejdbc's global connection pool.
 */
final class SqsMessageStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsMessageStore.class);
    private static final String NAME = "SQS (ElasticMQ)";
    private static final String DRIVER = "org.h2.Driver";
    /** Restoring reads every stored message; generous, so a large backlog is not taken for a failure. */
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(120);
    private static final AtomicReference<Path> OPEN = new AtomicReference<>();

    private final Path folder;
    private boolean closed;

    private SqsMessageStore(Path folder) {
        this.folder = folder;
    }

    /** Opens (or creates) the database in {@code dir}. */
    static SqsMessageStore open(Path dir) {
        Path folder = createDirectories(dir);
        Path other = OPEN.compareAndExchange(null, folder);
        if (other != null) {
            throw new EmulatorStartException(NAME + " cannot keep its messages in " + folder + ": this JVM already keeps"
                    + " SQS messages in " + other + ", and ElasticMQ's SQL persistence has one database per JVM (a global"
                    + " connection pool). Stop the other first, or start this one without a data folder.");
        }
        try {
            connect(url(folder));
            return new SqsMessageStore(folder);
        } catch (RuntimeException | SQLException e) {
            closePool();
            OPEN.set(null);
            throw new EmulatorStartException(NAME + " cannot open its message database in " + folder + ": " + e
                    + ". Is another engine running on this data folder?", e);
        }
    }

    /**
     * The queue manager for the REST server: queues and messages restored from the database, and every change
     * written to it from now on.
     */
    ActorRef restoreInto(ActorSystem system) {
        long started = System.nanoTime();
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, DRIVER, url(folder), "", "", false);
        ActorRef listener = system.actorOf(Props.create(RetryingSqlPersistence.class, config, List$.MODULE$.empty()),
                "sql-queue-persistence");
        ActorRef manager = system.actorOf(Props.create(QueueManagerActor.class, new NowProvider(), StrictSQSLimits$.MODULE$,
                Option.apply(listener)), "queue-manager");
        Object restored;
        try {
            restored = Patterns.ask(listener, new QueueEvent.Restore(manager), RESTORE_TIMEOUT).toCompletableFuture()
                    .get(RESTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmulatorStartException(NAME + " could not restore its queues from " + folder + " (" + e
                    + "); see ElasticMQ's log above. Move the folder away to start with empty queues.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorStartException(NAME + " was interrupted while restoring its queues from " + folder, e);
        }
        if (restored instanceof Left<?, ?> failed) {
            throw new EmulatorStartException(NAME + " could not restore its queues from " + folder + ": "
                    + failed.value() + ". Move the folder away to start with empty queues.");
        }
        LOG.info("{} restored its queues from {} in {} ms", NAME, folder, (System.nanoTime() - started) / 1_000_000);
        return manager;
    }

    Path folder() {
        return folder;
    }

    /** Closes the database; call after the actors that write to it have stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closePool();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the message database in {} failed: {}", NAME, folder, e.toString());
        } finally {
            OPEN.set(null);
        }
    }

    /** Points ElasticMQ's pool at this database: ElasticMQ sets it only the first time in a JVM, not after a close. */
    private static void connect(String url) throws SQLException {
        ConnectionPoolSettings settings = ConnectionPool.singleton$default$4();
        ConnectionPool.singleton(url, "", "", settings, ConnectionPool.singleton$default$5(url, "", "", settings));
        // The pool connects lazily, inside ElasticMQ's actor, where a locked or broken file would only time out.
        try (Connection probe = ConnectionPool$.MODULE$.borrow(ConnectionPool.DEFAULT_NAME())) {
            probe.isValid(5);
        }
    }

    private static void closePool() {
        ConnectionPool$.MODULE$.close(ConnectionPool.DEFAULT_NAME());
    }

    private static String url(Path folder) {
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database while the engine still deletes the
        // messages it finished; close() does it, after them.
        return "jdbc:h2:file:" + folder.resolve("messages") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new EmulatorStartException(NAME + " cannot create its data folder " + dir + ": " + e
                    + ". Choose a writable folder.", e);
        }
    }
}
