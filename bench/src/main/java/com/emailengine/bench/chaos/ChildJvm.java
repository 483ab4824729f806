package com.emailengine.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process of the chaos run: a JVM on this classpath running a main class, its output appended to a log file,
 * started again the same way after each kill. {@link #kill()} is {@code kill -9} of the process and of every process
 * it started (dynalite's node), taken as they are at that instant, as a machine's crash would.
 */
final class ChildJvm {

    private final String name;
    private final List<String> command;
    private final Pattern ready;
    private final Path log;
    private Process process;
    private Matcher readyLine;

    ChildJvm(String name, Class<?> main, List<String> args, String heap, Pattern ready, Path log) {
        this.name = name;
        this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        this.command.addAll(args);
        this.ready = ready;
        this.log = log;
    }

    String name() {
        return name;
    }

    /** Starts the process and waits for its ready line; returns how long that took. */
    synchronized Duration start(Duration deadline) throws IOException, InterruptedException {
        Instant started = Instant.now();
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Matcher> line = follow(process);
        try {
            readyLine = line.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not get ready within " + deadline + " (see " + log + "): " + e.getMessage());
        }
        return Duration.between(started, Instant.now());
    }

    /** A group of the ready line's pattern, e.g. an endpoint the process printed. */
    synchronized String ready(int group) {
        return readyLine.group(group);
    }

    synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.addFirst(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().join();
        }
        process.waitFor();
        process = null;
    }

    /** The running process and the processes it started (dynalite's node), empty when it is not running. */
    synchronized java.util.Optional<ProcessHandle> handle() {
        return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
    }

    /** A graceful stop (SIGTERM), at the end of the run. */
    synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
            process = null;
        }
    }

    private CompletableFuture<Matcher> follow(Process started) {
        CompletableFuture<Matcher> found = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
                out.println("=== " + Instant.now() + " started " + name);
                for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                    // Each line with the instant it came, so a process's lines can be set against the kills.
                    out.println(Instant.now() + " " + text);
                    Matcher m = ready.matcher(text);
                    if (!found.isDone() && m.find()) {
                        found.complete(m);
                    }
                }
                out.println("=== " + Instant.now() + " ended " + name);
            } catch (IOException e) {
                found.completeExceptionally(e);
            }
            found.completeExceptionally(new IllegalStateException(name + " ended before it was ready"));
        });
        return found;
    }
}
