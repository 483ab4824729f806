package com.emailengine.emulators.cloud;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Copies a child process's output to a logger line by line, hands each line to a listener, and keeps the
 * last lines for error messages. One daemon thread per child; it ends when the child's output closes.
 */
final class ChildProcessLog {

    private static final int KEPT_LINES = 20;

    private final Deque<String> lastLines = new ArrayDeque<>();

    private ChildProcessLog() {
    }

    /** Starts following {@code output}; {@code onEnd} runs once the output is closed (the child exited). */
    static ChildProcessLog follow(String threadName, InputStream output, Logger logger, Consumer<String> onLine,
            Runnable onEnd) {
        ChildProcessLog log = new ChildProcessLog();
        Thread thread = new Thread(() -> log.copy(output, logger, onLine, onEnd), threadName);
        thread.setDaemon(true);
        thread.start();
        return log;
    }

    /** The last lines the child printed, oldest first. */
    synchronized List<String> lastLines() {
        return List.copyOf(lastLines);
    }

    private void copy(InputStream output, Logger logger, Consumer<String> onLine, Runnable onEnd) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                keep(line);
                logger.info(line);
                onLine.accept(line);
            }
        } catch (IOException e) {
            logger.debug("output closed: {}", e.toString());
        } finally {
            onEnd.run();
        }
    }

    private synchronized void keep(String line) {
        if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
    }
}
