package com.emailengine.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak (reliability issue, a benchmark): the local engine as processes ({@link EngineProcesses}), a steady stream
 * of contacts through the whole path (ingest, intake, enrolment, rendering, the queues, the nodes, the sinks) for an
 * hour, each process's resident memory, threads, file descriptors and heap sampled every minute. It prints each
 * sample, then the first sample after the warm-up against the last: flat means a leak would have shown.
 *
 * <p>Usage: {@code bench/soak.sh [minutes=60] [contacts-per-second=5] [nodes=2] [work-dir]}.
 */
public final class SoakRun {

    private static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);
    /** Samples before this are the JIT and the caches filling, not a trend. */
    private static final int WARM_UP_SAMPLES = 5;

    private SoakRun() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int nodeCount = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path work = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("ee-soak-");
        System.out.printf("soak: %d min, %d contacts/s, %d nodes, work %s%n", minutes, perSecond, nodeCount, work);
        EngineProcesses engine = new EngineProcesses(work, nodeCount);
        engine.startInternet();
        engine.startAll();
        DeliveredMail mail = new DeliveredMail(engine.mailDir());
        ContactFeeder feeder = new ContactFeeder(engine::api, engine::sourceKey, "soak" + Instant.now().getEpochSecond());
        Instant began = Instant.now();
        Instant end = began.plus(Duration.ofMinutes(minutes));
        Instant nextSample = began;
        Map<String, List<ProcessSample>> samples = new LinkedHashMap<>();
        int posted = 0;
        StringBuilder log = new StringBuilder();
        while (Instant.now().isBefore(end)) {
            // Ten seconds' worth of contacts as one batch, as a scraper that flushes every ten seconds.
            Instant batchAt = Instant.now();
            feeder.post(posted, posted + perSecond * 10);
            posted += perSecond * 10;
            if (!Instant.now().isBefore(nextSample)) {
                mail.scan();
                String head = String.format("%s minute %d: posted %d, accepted %d, delivered %d%n", Instant.now(),
                        Duration.between(began, Instant.now()).toMinutes(), posted, feeder.accepted().size(), mail.recipients());
                log.append(head);
                System.out.print(head);
                for (ProcessSample sample : sampleAll(engine)) {
                    samples.computeIfAbsent(sample.name(), k -> new ArrayList<>()).add(sample);
                    log.append("  ").append(sample.row()).append('\n');
                    System.out.println("  " + sample.row());
                }
                nextSample = nextSample.plus(SAMPLE_EVERY);
            }
            long rest = Duration.ofSeconds(10).minus(Duration.between(batchAt, Instant.now())).toMillis();
            if (rest > 0) {
                Thread.sleep(rest);
            }
        }
        for (ProcessSample sample : sampleAll(engine)) {
            samples.computeIfAbsent(sample.name(), k -> new ArrayList<>()).add(sample);
            log.append("  end ").append(sample.row()).append('\n');
        }
        Instant drainUntil = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(drainUntil) && !feeder.accepted().stream().allMatch(mail::received)) {
            Thread.sleep(2_000);
            mail.scan();
        }
        long lost = feeder.accepted().stream().filter(a -> !mail.received(a)).count();
        StringBuilder out = new StringBuilder(log);
        out.append(String.format("after %d min: posted %d, accepted %d, delivered %d recipients in %d copies, undelivered %d%n",
                minutes, posted, feeder.accepted().size(), mail.recipients(), mail.copies(), lost));
        samples.forEach((name, list) -> {
            ProcessSample first = list.get(Math.min(WARM_UP_SAMPLES, list.size() - 1));
            ProcessSample last = list.getLast();
            out.append(String.format("%-14s minute %d -> end: rss %d -> %d KB, threads %d -> %d, fds %d -> %d, old gen %d -> %d KB%n",
                    name, Math.min(WARM_UP_SAMPLES, list.size() - 1), first.rssKb(), last.rssKb(), first.threads(), last.threads(),
                    first.fds(), last.fds(), first.oldUsedKb(), last.oldUsedKb()));
        });
        System.out.print(out.substring(log.length()));
        Files.writeString(work.resolve("soak-report.txt"), out.toString(), StandardCharsets.UTF_8);
        engine.stopAll();
        System.exit(lost == 0 ? 0 : 1);
    }

    private static List<ProcessSample> sampleAll(EngineProcesses engine) {
        List<ProcessSample> all = new ArrayList<>();
        for (ChildJvm process : engine.all()) {
            process.handle().ifPresent(handle -> {
                all.add(ProcessSample.of(process.name(), handle, true));
                handle.descendants().forEach(child -> all.add(ProcessSample.of(process.name() + "/child", child, false)));
            });
        }
        return all;
    }
}
