package com.emailengine.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the mailbox providers received: the {@code .eml} files their sinks wrote, by recipient, each copy with the time
 * its file was written. Files already read are not read again, so the folder can be scanned every second.
 */
final class DeliveredMail {

    private static final Pattern ADDRESS = Pattern.compile("([^\\s<>\",]+@[^\\s<>\",]+)");

    private final Path root;
    private final Map<Path, Boolean> seen = new HashMap<>();
    private final Map<String, List<Instant>> byRecipient = new HashMap<>();

    DeliveredMail(Path root) {
        this.root = root;
    }

    synchronized void scan() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList()) {
                if (seen.putIfAbsent(file, Boolean.TRUE) == null) {
                    recipient(file).ifPresent(to -> byRecipient.computeIfAbsent(to, k -> new ArrayList<>()).add(written(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized int recipients() {
        return byRecipient.size();
    }

    synchronized int copies() {
        return byRecipient.values().stream().mapToInt(List::size).sum();
    }

    synchronized Map<String, List<Instant>> duplicates() {
        Map<String, List<Instant>> more = new HashMap<>();
        byRecipient.forEach((to, times) -> {
            if (times.size() > 1) {
                more.put(to, times.stream().sorted().toList());
            }
        });
        return more;
    }

    synchronized boolean received(String address) {
        return byRecipient.containsKey(address.toLowerCase(Locale.ROOT));
    }

    synchronized Instant latest() {
        return byRecipient.values().stream().flatMap(List::stream).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** Copies written after the instant (deliveries resuming after a kill). */
    synchronized Instant firstAfter(Instant moment) {
        return byRecipient.values().stream().flatMap(List::stream).filter(t -> t.isAfter(moment)).min(Instant::compareTo)
                .orElse(null);
    }

    private static java.util.Optional<String> recipient(Path file) {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                if (line.regionMatches(true, 0, "To:", 0, 3)) {
                    Matcher m = ADDRESS.matcher(line.substring(3));
                    if (m.find()) {
                        return java.util.Optional.of(m.group(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant written(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
