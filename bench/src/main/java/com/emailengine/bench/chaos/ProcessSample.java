package com.emailengine.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one process holds at an instant, read from {@code /proc} (resident memory, threads, open file descriptors) and,
 * for a JVM, from {@code jcmd GC.heap_info} (heap in use, and the old generation's part, which is where a leak shows
 * once the young collections have run).
 */
record ProcessSample(String name, long pid, long rssKb, int threads, int fds, long heapUsedKb, long oldUsedKb) {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    static ProcessSample of(String name, ProcessHandle process, boolean jvm) {
        long pid = process.pid();
        long rss = 0;
        int threads = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D+", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            return new ProcessSample(name, pid, -1, -1, -1, -1, -1);
        }
        int fds;
        try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = (int) open.count();
        } catch (IOException e) {
            fds = -1;
        }
        long heap = -1;
        long old = -1;
        if (jvm) {
            heap = 0;
            for (String line : heapInfo(pid)) {
                Matcher m = USED.matcher(line);
                // The generations' lines ("DefNew total ..., used ...K", "Tenured total ..."), not their spaces'.
                if (!line.startsWith(" ") && line.contains(" total ") && m.find()) {
                    long used = Long.parseLong(m.group(1));
                    heap += used;
                    if (line.startsWith("Tenured")) {
                        old = used;
                    }
                }
            }
        }
        return new ProcessSample(name, pid, rss, threads, fds, heap, old);
    }

    private static List<String> heapInfo(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            List<String> lines = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return lines;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    String row() {
        return String.format("%-14s rss %7d KB  threads %4d  fds %4d  heap %7s KB  old gen %7s KB", name, rssKb, threads, fds,
                heapUsedKb < 0 ? "-" : Long.toString(heapUsedKb), oldUsedKb < 0 ? "-" : Long.toString(oldUsedKb));
    }
}
