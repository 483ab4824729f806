package com.emailengine.fleet;

import com.emailengine.bench.SampleMessages;
import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.dkim.DkimAlgorithm;
import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.dns.MailHost;
import com.emailengine.core.tenant.DkimSelector;
import com.emailengine.core.tenant.IpPool;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import com.emailengine.core.tenant.TestRecipients;
import com.emailengine.core.throttle.TlsPolicy;
import com.emailengine.emulators.internet.LocalInternet;
import com.emailengine.emulators.internet.LocalInternetSettings;
import com.emailengine.emulators.internet.MailProvider;
import com.emailengine.emulators.internet.SmtpSink;
import com.emailengine.fleet.ip.ConnectionSlots;
import com.emailengine.fleet.node.MailStreamProviderSetting;
import com.emailengine.fleet.signing.DkimMessageSigner;
import com.emailengine.fleet.smtp.HostReply;
import com.emailengine.fleet.smtp.SmtpChannel;
import com.emailengine.fleet.smtp.SmtpHandoff;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages per second one sender node pushes through its delivery path: compose (MIME), DKIM-sign (RSA-2048,
 * or RSA-2048 + Ed25519 with {@code dual}), and hand over by SMTP on reused connections bound to 100 source
 * IPs (127.0.10.101-200, two connection slots per IP and provider) into the local internet's four sinks
 * (127.0.9.1-4), by many virtual-thread senders at once, as the node's workers do. Not included: the SQS
 * receive and the DynamoDB claim and record of each message (network round trips that overlap across
 * workers; their CPU cost is the SDK's). The sinks run in the same JVM, on the same cores, so the figure is
 * a lower bound for a node whose receivers are elsewhere. In the same run it measures the bare JDK RSA-2048
 * signing rate (one thread and all cores), records a JFR profile of the measured window (file: system property
 * {@code ee.jfr}) and reports the peak heap and resident memory.
 *
 * <p>Usage: {@code FleetThroughputProbe [seconds=20] [senders=200] [rsa|dual]}; bench/fleet-throughput.sh runs
 * it under JFR and prints the hottest methods.
 */
public final class FleetThroughputProbe {

    private static final int ADDRESSES = 100;
    private static final int SLOTS_PER_PROVIDER = 2;

    private FleetThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        boolean dual = args.length > 2 && args[2].equals("dual");
        MailStreamProviderSetting.apply(); // as a node does at start (FleetNode)
        System.out.printf("machine: %d cores, %s %s, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        DkimKey rsa = DkimKey.generate("bench.test", "r1", DkimAlgorithm.RSA_SHA256);
        DkimKey ed25519 = DkimKey.generate("bench.test", "e1", DkimAlgorithm.ED25519_SHA256);
        bareRsa(rsa, 1, Duration.ofSeconds(5));
        bareRsa(rsa, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5));

        List<SendingAddress> pool = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            pool.add(new SendingAddress(InetAddress.getByName("127.0.10." + (101 + i)), "mta" + (101 + i) + ".bench.test"));
        }
        List<DkimSelector> selectors = dual
                ? List.of(new DkimSelector("r1", "rsa-sha256"), new DkimSelector("e1", "ed25519-sha256"))
                : List.of(new DkimSelector("r1", "rsa-sha256"));
        Tenant tenant = new Tenant("bench", "Bench", "bench.test", "hello@bench.test", "Bench", "bounces.bench.test",
                "mx.bounces.bench.test", "fr", "welcome", new IpPool("bench", pool), selectors, "none", "dmarc@bench.test",
                "Bench, 1 Test Street, London, United Kingdom", TestRecipients.NONE);
        DkimMessageSigner signer = DkimMessageSigner.fromKeys(new Tenants(List.of(tenant)), dual ? List.of(rsa, ed25519) : List.of(rsa),
                Clock.systemUTC(), "bench");
        MimeComposer composer = new MimeComposer(Clock.systemUTC());
        SmtpHandoff handoff = new SmtpHandoff();

        try (LocalInternet internet = LocalInternet.start(LocalInternetSettings.of(new InetSocketAddress("127.0.9.53", 0), 0,
                MailProvider.defaultProviders("127.0.9")))) {
            List<SmtpSink> sinks = internet.sinks();
            List<MailHost> hosts = internet.providers().stream()
                    .map(p -> new MailHost(p.hostName(), 10, List.of(p.sinkAddress()))).toList();
            ScheduledExecutorService watchdog = Executors.newScheduledThreadPool(1);
            ConnectionSlots[][] slots = new ConnectionSlots[ADDRESSES][hosts.size()];
            for (int ip = 0; ip < ADDRESSES; ip++) {
                for (int h = 0; h < hosts.size(); h++) {
                    slots[ip][h] = new ConnectionSlots(pool.get(ip), SLOTS_PER_PROVIDER, internet.smtpPort(), Duration.ofSeconds(30), watchdog);
                }
            }
            ScheduledExecutorService cleaner = Executors.newSingleThreadScheduledExecutor();
            cleaner.scheduleWithFixedDelay(() -> sinks.forEach(SmtpSink::clearReceived), 1, 1, TimeUnit.SECONDS);

            AtomicLong next = new AtomicLong();
            LongAdder delivered = new LongAdder();
            LongAdder failed = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch done = new CountDownLatch(senders);
            for (int s = 0; s < senders; s++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        while (running.get()) {
                            long n = next.getAndIncrement();
                            int ip = (int) (n % ADDRESSES);
                            int h = (int) ((n / ADDRESSES) % hosts.size());
                            SmtpChannel channel;
                            while ((channel = slots[ip][h].tryTake()) == null) {
                                ip = (ip + 1) % ADDRESSES;
                            }
                            try {
                                OutboundMessage message = SampleMessages.welcome(n);
                                byte[] signed = signer.sign(tenant, composer.compose(message, "bench.test"));
                                HostReply reply = handoff.deliver(channel, List.of(hosts.get(h)), new SmtpHandoff.Envelope(
                                        message.returnPath(), message.recipient(), signed, TlsPolicy.OPPORTUNISTIC, 100),
                                        Instant.now().plusSeconds(60));
                                (reply.accepted() ? delivered : failed).increment();
                            } finally {
                                slots[ip][h].giveBack(channel);
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            MemoryWatch memory = new MemoryWatch();
            Thread.sleep(10_000); // warm-up: JIT, connections, key caches
            jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
            long startDelivered = delivered.sum();
            long startNanos = System.nanoTime();
            long startCpu = processCpuNanos();
            Thread.sleep(seconds * 1000L);
            long count = delivered.sum() - startDelivered;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double cpu = (processCpuNanos() - startCpu) / 1e9;
            recording.stop();
            Path jfr = Path.of(System.getProperty("ee.jfr", "fleet-throughput.jfr"));
            recording.dump(jfr);
            recording.close();
            running.set(false);
            done.await(60, TimeUnit.SECONDS);
            cleaner.shutdownNow();
            watchdog.shutdownNow();
            for (ConnectionSlots[] row : slots) {
                for (ConnectionSlots slot : row) {
                    slot.closeAll();
                }
            }
            long connections = sinks.stream().mapToLong(sink -> sink.counters().connections()).sum();
            System.out.printf("fleet delivery path (%s DKIM, %d senders, %d source IPs, 4 sinks): %.0f messages/s over %.1f s"
                            + " (%d delivered, %d failed in total, %d SMTP connections opened, process CPU %.0f%% of %d cores)%n",
                    dual ? "RSA-2048 + Ed25519" : "RSA-2048", senders, ADDRESSES, count / elapsed, elapsed, delivered.sum(), failed.sum(),
                    connections, 100 * cpu / elapsed / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors());
            memory.report();
        }
    }

    private static void bareRsa(DkimKey key, int threads, Duration time) throws InterruptedException {
        byte[] data = new byte[400];
        LongAdder signed = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    DkimAlgorithm.RSA_SHA256.sign(key.privateKey(), data, 0, data.length);
                    signed.increment();
                }
            }));
        }
        Thread.sleep(2000);
        long start = signed.sum();
        long nanos = System.nanoTime();
        Thread.sleep(time.toMillis());
        double rate = (signed.sum() - start) / ((System.nanoTime() - nanos) / 1e9);
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("bare JDK RSA-2048 signing (SHA256withRSA), %d thread(s): %.0f signatures/s%n", threads, rate);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The peak heap use the JVM saw (all heap pools) and the peak resident set of the process. */
    private static final class MemoryWatch {

        MemoryWatch() {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        void report() throws Exception {
            long heapPeak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPeak += pool.getPeakUsage().getUsed();
                }
            }
            String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
            System.out.printf("memory: peak heap used %d MiB (max heap %d MiB), peak resident set %s%n", heapPeak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, hwm.substring(hwm.indexOf(':') + 2));
        }
    }
}
