package com.emailengine.emulators.cloud;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulator's JVM shutdown hook that can be told to wait for the emulator's owner first. The JVM runs its shutdown
 * hooks side by side, so on SIGTERM the engine would otherwise still be writing (traffic counts, the deletes of the
 * messages it finished) while the emulators it writes to stop under it. Thread-safe.
 */
final class StopAtExit {

    private static final Logger LOG = LoggerFactory.getLogger(StopAtExit.class);

    private final String name;
    private final Runnable stop;
    private final Thread hook;
    private volatile CompletableFuture<?> owner;
    private volatile Duration atMost = Duration.ZERO;

    private StopAtExit(String name, Runnable stop) {
        this.name = name;
        this.stop = stop;
        this.hook = new Thread(this::run, name + "-shutdown");
    }

    /** Registers a hook that runs {@code stop} when the JVM exits. */
    static StopAtExit register(String name, Runnable stop) {
        StopAtExit exit = new StopAtExit(name, stop);
        Runtime.getRuntime().addShutdownHook(exit.hook);
        return exit;
    }

    /** At JVM exit, stops only after {@code owner} completes, or {@code atMost} has passed. */
    void after(CompletableFuture<?> owner, Duration atMost) {
        this.owner = owner;
        this.atMost = atMost;
    }

    /** The emulator was closed by its owner: nothing is left to do at exit. */
    void unregister() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and runs the hook (or is about to): nothing to remove.
        }
    }

    private void run() {
        CompletableFuture<?> waitFor = owner;
        if (waitFor != null) {
            try {
                waitFor.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{}: its owner did not finish within {} s of the JVM's exit ({}); stopping it anyway", name,
                        atMost.toSeconds(), e.toString());
            }
        }
        stop.run();
    }
}
