package com.emailengine.bench.chaos;

import com.emailengine.fleet.node.FleetMain;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The local engine as processes of their own, in a work folder, beside the local internet it delivers to
 * ({@link ChaosInternet}, never killed): the cloud ({@link ChaosCloud}), the function host
 * ({@link ChaosFunctionHost}) and N sender nodes ({@code FleetMain} with the settings file the host writes), on fixed
 * ports so that any of them can be killed and started again into the same engine.
 */
final class EngineProcesses {

    private static final Pattern CLOUD_READY = Pattern.compile("READY sqs=(\\S+) dynamodb=(\\S+) s3=(\\S+)");
    private static final Pattern INTERNET_READY = Pattern.compile("READY dns=(\\S+) smtp=(\\S+)");
    private static final Pattern HOST_READY = Pattern.compile("READY api=(\\S+) key=(\\S+)");
    private static final Pattern NODE_READY = Pattern.compile("consuming \\d+ outbound queues");
    static final Duration START_DEADLINE = Duration.ofSeconds(120);
    /** A dead node's addresses are taken over, and the messages it held shown again, within one and two leases. */
    static final int LEASE_SECONDS = 10;

    private final ChildJvm internet;
    private final ChildJvm cloud;
    private final ChildJvm host;
    private final List<ChildJvm> nodes = new ArrayList<>();
    private final Path mailDir;

    EngineProcesses(Path work, int nodeCount) throws IOException {
        Path config = ChaosConfig.write(Path.of("config/local"), work.resolve("config"));
        Path dkim = Files.createDirectories(work.resolve("dkim"));
        Path hostDir = Files.createDirectories(work.resolve("host"));
        mailDir = work.resolve("mail");
        String sqs = "19324";
        String dynamo = "18000";
        String s3 = "19000";
        String dns = "11053";
        String smtp = "12525";
        internet = new ChildJvm("internet", ChaosInternet.class, List.of(config.toString(), mailDir.toString(), dkim.toString(),
                "127.0.40", dns, smtp), "512m", INTERNET_READY, work.resolve("internet.log"));
        cloud = new ChildJvm("cloud", ChaosCloud.class, List.of(work.resolve("data").toString(), sqs, dynamo, s3), "1g",
                CLOUD_READY, work.resolve("cloud.log"));
        host = new ChildJvm("function-host", ChaosFunctionHost.class, List.of(config.toString(), hostDir.toString(),
                dkim.toString(), "http://127.0.0.1:" + sqs, "http://127.0.0.1:" + dynamo, "http://127.0.0.1:" + s3,
                "127.0.0.1:" + dns, smtp, "18080", Integer.toString(nodeCount), Integer.toString(LEASE_SECONDS)), "1g",
                HOST_READY, work.resolve("function-host.log"));
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new ChildJvm("node-" + i, FleetMain.class, List.of(hostDir.resolve("node-" + i + ".env").toString()),
                    "512m", NODE_READY, work.resolve("node-" + i + ".log")));
        }
        // The harness stopped by Ctrl-C or an error leaves no engine behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> java.util.stream.Stream.concat(all().stream(),
                java.util.stream.Stream.of(internet)).forEach(process -> {
            try {
                process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })));
    }

    /** The internet first, and once: it is not the engine's, and outlives every kill. */
    void startInternet() throws IOException, InterruptedException {
        internet.start(START_DEADLINE);
    }

    /** The engine: cloud, function host, nodes. */
    void startAll() throws IOException, InterruptedException {
        cloud.start(START_DEADLINE);
        host.start(START_DEADLINE);
        for (ChildJvm node : nodes) {
            node.start(START_DEADLINE);
        }
    }

    void stopAll() throws InterruptedException {
        for (ChildJvm node : nodes) {
            node.stop();
        }
        host.stop();
        cloud.stop();
        internet.stop();
    }

    ChildJvm cloud() {
        return cloud;
    }

    ChildJvm host() {
        return host;
    }

    List<ChildJvm> nodes() {
        return nodes;
    }

    /** Nodes first, the cloud last: the order a graceful stop takes. */
    List<ChildJvm> all() {
        List<ChildJvm> all = new ArrayList<>(nodes);
        all.add(host);
        all.add(cloud);
        return all;
    }

    Path mailDir() {
        return mailDir;
    }

    URI api() {
        return URI.create(host.ready(1));
    }

    String sourceKey() {
        return host.ready(2);
    }

    /** Where undelivered contacts are (contacts table, queues), for a report. */
    String whereAre(List<String> addresses) {
        return WhereTheyAre.of(URI.create(cloud.ready(1)), URI.create(cloud.ready(2)), URI.create(cloud.ready(3)), addresses);
    }
}
