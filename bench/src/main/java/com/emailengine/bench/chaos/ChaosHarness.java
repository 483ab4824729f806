package com.emailengine.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The chaos run (reliability issue, D45): the local engine as processes of their own — the cloud (SQS, DynamoDB and S3
 * emulators keeping their data in a folder), the function host (gateway, functions, pollers, scheduler) and N sender
 * nodes ({@code FleetMain}, as on EC2) — delivering to the local internet (DNS and SMTP sinks, a process never killed). Contacts are posted in batches
 * while random {@code kill -9}s hit the nodes and the function host (each started again a few seconds later), and once
 * the whole engine is killed at the same instant, cloud included, and started again on its folder. At the end it
 * prints what was accepted, delivered, lost and duplicated (each duplicate set against the kill that explains it) and
 * how long each process took to come back and deliveries to resume.
 *
 * <p>Usage: {@code bench/chaos.sh [messages=10000] [kills=12] [nodes=3] [seed=...] [work-dir]}.
 */
public final class ChaosHarness {

    /**
     * No delivery for this long, with messages missing: stalled. (A contact that a killed function host held comes back
     * after the contacts queue's 180 s visibility timeout, so a shorter wait would call a recovery a stall.)
     */
    private static final Duration STALLED = Duration.ofMinutes(5);
    private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(20);
    private static final int BATCH = 250;
    private static final Duration FEED_PAUSE = Duration.ofSeconds(3);

    private final int messages;
    private final int kills;
    private final Random random;
    private final Path work;
    private final EngineProcesses engine;
    private final DeliveredMail mail;
    private final ConcurrentLinkedQueue<Kill> killLog = new ConcurrentLinkedQueue<>();

    /** One kill: who, when, how long the restart took (until the process said it was ready). */
    record Kill(String victim, Instant at, Duration restart, Instant resumedDelivery) {
    }

    private ChaosHarness(int messages, int kills, int nodeCount, long seed, Path work) throws IOException {
        this.messages = messages;
        this.kills = kills;
        this.random = new Random(seed);
        this.work = work;
        this.engine = new EngineProcesses(work, nodeCount);
        mail = new DeliveredMail(engine.mailDir());
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : System.currentTimeMillis();
        Path work = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("ee-chaos-");
        System.out.printf("chaos run: %d messages, %d kills + 1 whole-engine kill, %d nodes, seed %d, work %s%n",
                messages, kills, nodes, seed, work);
        ChaosHarness harness = new ChaosHarness(messages, kills, nodes, seed, work);
        System.exit(harness.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        Instant began = Instant.now();
        engine.startInternet();
        engine.startAll();
        String runId = Long.toString(began.getEpochSecond(), 36);
        ContactFeeder feeder = new ContactFeeder(engine::api, engine::sourceKey, runId);
        Thread feeding = Thread.ofPlatform().name("feeder").start(() -> {
            try {
                for (int from = 0; from < messages; from += BATCH) {
                    feeder.post(from, Math.min(messages, from + BATCH));
                    // Spread over the kills, so that contacts are at every stage when they come.
                    Thread.sleep(FEED_PAUSE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int wholeEngineAt = kills / 2;
        for (int k = 0; k < kills; k++) {
            Thread.sleep(4_000 + random.nextInt(8_000));
            if (k == wholeEngineAt) {
                killEverything();
            }
            List<ChildJvm> victims = new ArrayList<>(engine.nodes());
            victims.add(engine.host());
            killAndRestart(victims.get(random.nextInt(victims.size())));
        }
        feeding.join();
        Instant lastKill = Instant.now();
        Instant deadline = lastKill.plus(DRAIN_DEADLINE);
        Instant progress = Instant.now();
        Instant lastChange = Instant.now();
        int copies = -1;
        while (Instant.now().isBefore(deadline)) {
            mail.scan();
            if (feeder.accepted().stream().allMatch(mail::received)) {
                break;
            }
            if (mail.copies() != copies) {
                copies = mail.copies();
                lastChange = Instant.now();
            } else if (Instant.now().isAfter(lastChange.plus(STALLED))) {
                System.out.printf("%s nothing delivered for %d s: stalled%n", Instant.now(), STALLED.toSeconds());
                break;
            }
            if (Instant.now().isAfter(progress.plusSeconds(15))) {
                progress = Instant.now();
                System.out.printf("%s draining: %d of %d accepted delivered%n", progress, mail.recipients(), feeder.accepted().size());
            }
            Thread.sleep(1_000);
        }
        Instant drained = Instant.now();
        // Late copies: a message redelivered after its claim ran out would arrive within two leases.
        Thread.sleep(Duration.ofSeconds(EngineProcesses.LEASE_SECONDS * 3L).toMillis());
        mail.scan();
        boolean ok = report(feeder, began, lastKill, drained);
        engine.stopAll();
        return ok;
    }

    private void killAndRestart(ChildJvm victim) throws Exception {
        Instant at = Instant.now();
        victim.kill();
        Thread.sleep(1_000 + random.nextInt(3_000));
        Duration restart = victim.start(EngineProcesses.START_DEADLINE);
        killLog.add(new Kill(victim.name(), at, restart, null));
        System.out.printf("%s kill -9 %s; back in %d ms%n", at, victim.name(), restart.toMillis());
    }

    private void killEverything() throws Exception {
        Instant at = Instant.now();
        // The same instant for all: a machine's crash, cloud included.
        List<Thread> killers = new ArrayList<>();
        for (ChildJvm process : engine.all()) {
            killers.add(Thread.ofPlatform().start(() -> {
                try {
                    process.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread killer : killers) {
            killer.join();
        }
        Thread.sleep(2_000);
        Instant restarting = Instant.now();
        engine.startAll();
        Duration restart = Duration.between(restarting, Instant.now());
        killLog.add(new Kill("whole engine", at, restart, null));
        System.out.printf("%s kill -9 of the whole engine (cloud, function host, %d nodes); back in %d ms%n", at, engine.nodes().size(),
                restart.toMillis());
    }

    private boolean report(ContactFeeder feeder, Instant began, Instant lastKill, Instant drained) throws IOException {
        List<String> lost = feeder.accepted().stream().filter(a -> !mail.received(a)).sorted().toList();
        Map<String, List<Instant>> duplicates = mail.duplicates();
        List<Kill> allKills = new ArrayList<>(killLog);
        StringBuilder out = new StringBuilder();
        out.append(String.format("messages posted %d, accepted %d, refused %d (retried batches: %d)%n", messages,
                feeder.accepted().size(), feeder.rejected().size(), feeder.retries()));
        out.append(String.format("kills: %d (%d of single processes, 1 of the whole engine)%n", allKills.size(), allKills.size() - 1));
        for (Kill kill : allKills) {
            Instant resumed = mail.firstAfter(kill.at());
            out.append(String.format("  %s %-13s restart %5d ms, next delivery %s%n", kill.at(), kill.victim(), kill.restart().toMillis(),
                    resumed == null ? "none" : "+" + Duration.between(kill.at(), resumed).toMillis() + " ms"));
        }
        out.append(String.format("delivered: %d recipients, %d copies%n", mail.recipients(), mail.copies()));
        out.append(String.format("lost: %d%s%n", lost.size(), lost.isEmpty() ? "" : " e.g. " + lost.subList(0, Math.min(5, lost.size()))
                + "\n  " + engine.whereAre(lost)));
        out.append(String.format("duplicated: %d%n", duplicates.size()));
        duplicates.forEach((to, copies) -> {
            Kill explains = allKills.stream().filter(k -> !k.victim().equals("function-host")
                    && !k.at().isBefore(copies.getFirst().minusSeconds(5)) && k.at().isBefore(copies.get(1)))
                    .findFirst().orElse(null);
            out.append(String.format("  %s copies at %s: %s%n", to, copies, explains == null ? "NOT explained by a kill"
                    : "a node sent it and was killed before recording it (" + explains.victim() + " at " + explains.at()
                            + "): D6's at-least-once window"));
        });
        out.append(String.format("time: %d s in all; the last kill to everything delivered: %d s%n",
                Duration.between(began, drained).toSeconds(), Duration.between(lastKill, drained).toSeconds()));
        boolean ok = lost.isEmpty() && feeder.rejected().isEmpty() && duplicates.size() <= allKills.size();
        out.append(ok ? "RESULT: pass (0 lost, duplicates <= kills)\n" : "RESULT: FAIL\n");
        System.out.print(out);
        Files.writeString(work.resolve("report.txt"), out.toString(), StandardCharsets.UTF_8);
        return ok;
    }
}
