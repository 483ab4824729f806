package com.emailengine.cli;

import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.dkim.DkimVerdict;
import com.emailengine.core.dkim.DkimVerification;
import com.emailengine.core.dkim.DkimVerifier;
import com.emailengine.core.dns.DnsDkimKeyLookup;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.emulators.internet.ReceivedMail;
import com.emailengine.emulators.internet.SmtpSink;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.platform.api.RouteTable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code email-engine demo}: starts the local cloud, posts contacts for every tenant to the ingest API,
 * waits until each is delivered and marked sent, then reports where the mail went, from which addresses,
 * whether its DKIM signatures verify against the published keys, and where the .eml files are.
 */
@Command(name = "demo", description = "Run the engine locally and show contacts flowing to delivered, DKIM-signed mail.")
final class DemoCommand implements Runnable {

    @Option(names = "--contacts", defaultValue = "40", description = "how many contacts to ingest (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--timeout", defaultValue = "PT3M", description = "how long to wait for delivery (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    ConfigOption config;

    @Option(names = "--keep-running", description = "keep the local cloud up after the report, until Ctrl-C")
    boolean keepRunning;

    @Option(names = "--mail-dir", description = "where the sinks write the .eml files (default: local-data/demo-mail/<run>)")
    Path mailDirOption;

    @Option(names = "--dkim-dir", description = "folder of the tenants' DKIM keys, created when missing (default: local-data/dkim)")
    Path dkimDir;

    @Override
    public void run() {
        // The demo's report is the output; the functions' JSON info lines would bury it.
        System.setProperty("ee.log.level", "warn");
        if (count < 1 || count > 5000) {
            throw new IllegalArgumentException("--contacts must be between 1 and 5000");
        }
        Path home = EmailEngineCli.home();
        String runTag = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path mailDir = mailDirOption != null ? mailDirOption : home.resolve("local-data/demo-mail/" + runTag);
        LocalCloudOptions options = LocalCloudOptions.standard(config.dir(),
                home.resolve("local-data")).withPorts(0, 0, 0, 0, 0, 0).withMailDir(mailDir).withScheduleSpeedup(60);
        if (dkimDir != null) {
            options = options.withDkimKeyDir(dkimDir);
        }
        System.out.println("Starting the local cloud (emulators, functions, fleet, DNS, SMTP sinks)...");
        long started = System.nanoTime();
        LocalCloud cloud = LocalCloud.start(options);
        try {
            System.out.printf("Up in %.1f s. API at %s%n%n", (System.nanoTime() - started) / 1e9, cloud.apiEndpoint());
            List<DemoContacts.DemoContact> contacts = DemoContacts.generate(count, cloud.config().tenants().ids(),
                    runTag.replace("-", ""));
            long ingestStart = System.nanoTime();
            int accepted = post(cloud, contacts);
            showRefusals(cloud);
            Map<DemoContacts.DemoContact, Contact> sent = awaitSent(cloud, contacts);
            double seconds = (System.nanoTime() - ingestStart) / 1e9;
            report(cloud, contacts, accepted, sent, seconds, mailDir);
            if (sent.size() < contacts.size()) {
                throw new IllegalStateException((contacts.size() - sent.size()) + " of " + contacts.size()
                        + " contacts were not delivered within " + timeout.toSeconds() + " s");
            }
            if (keepRunning) {
                System.out.println();
                System.out.println(Endpoints.describe(cloud));
                System.out.println("Press Ctrl-C to stop.");
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(cloud::close));
                forever.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cloud.close();
        }
    }

    /** The source the demo posts as: the scraper of config/local/sources.yaml. */
    static final String DEMO_SOURCE = "maps-scraper";

    private static int post(LocalCloud cloud, List<DemoContacts.DemoContact> contacts) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI ingest = cloud.apiEndpoint().resolve(RouteTable.INGEST_PATH);
        String key = cloud.sourceKey(DEMO_SOURCE);
        int accepted = 0;
        for (DemoContacts.DemoContact contact : contacts) {
            HttpResponse<String> response = send(http, ingest, contact.json(), key);
            if (response.statusCode() == 202) {
                accepted++;
            } else {
                System.out.println("  refused " + contact.email() + ": " + response.statusCode() + " " + response.body());
            }
        }
        System.out.printf("Posted %d contacts to POST %s: %d accepted (202)%n", contacts.size(), RouteTable.INGEST_PATH, accepted);
        return accepted;
    }

    /** Bad input is part of the story: each gets a 4xx with a machine-readable reason and writes nothing. */
    private static void showRefusals(LocalCloud cloud) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI ingest = cloud.apiEndpoint().resolve(RouteTable.INGEST_PATH);
        System.out.println("Bad input is refused, nothing written:");
        for (String body : List.of("{\"email\": ", "{\"email\":\"john@localhost\",\"source\":\"demo\",\"tenant\":\"" + cloud.config().tenants().ids().getFirst() + "\"}",
                "{\"email\":\"ann@gmail.test\",\"source\":\"demo\",\"tenant\":\"acme\"}")) {
            HttpResponse<String> response = send(http, ingest, body, cloud.sourceKey(DEMO_SOURCE));
            System.out.println("  " + response.statusCode() + " " + response.body());
        }
        System.out.println();
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String body, String key) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).header("content-type", "application/json")
                    .header("x-ee-source", DEMO_SOURCE).header("authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the local API did not answer: " + e.getMessage(), e);
        }
    }

    private Map<DemoContacts.DemoContact, Contact> awaitSent(LocalCloud cloud, List<DemoContacts.DemoContact> contacts)
            throws InterruptedException {
        Map<DemoContacts.DemoContact, Contact> sent = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        int shown = -1;
        while (sent.size() < contacts.size() && System.nanoTime() < deadline) {
            for (DemoContacts.DemoContact contact : contacts) {
                if (!sent.containsKey(contact)) {
                    Optional<Contact> stored = cloud.dependencies().contacts().find(contact.tenant(),
                            EmailHash.of(EmailAddress.parse(contact.email())));
                    stored.filter(c -> c.status() == ContactStatus.SENT).ifPresent(c -> sent.put(contact, c));
                }
            }
            if (sent.size() != shown) {
                System.out.printf("\r  delivered and marked sent: %d/%d", sent.size(), contacts.size());
                shown = sent.size();
            }
            if (sent.size() < contacts.size()) {
                Thread.sleep(250);
            }
        }
        System.out.println();
        return sent;
    }

    private static void report(LocalCloud cloud, List<DemoContacts.DemoContact> contacts, int accepted,
                               Map<DemoContacts.DemoContact, Contact> sent, double seconds, Path mailDir) {
        System.out.printf("%nDelivered %d of %d contacts in %.1f s (ingest -> validate -> enroll -> render -> DKIM -> SMTP -> status)%n%n",
                sent.size(), contacts.size(), seconds);
        System.out.println("Per tenant:");
        for (Tenant tenant : cloud.config().tenants().all()) {
            long posted = contacts.stream().filter(c -> c.tenant().equals(tenant.id())).count();
            long delivered = sent.keySet().stream().filter(c -> c.tenant().equals(tenant.id())).count();
            System.out.printf("  %-10s posted %3d  sent %3d  pool %s-%s%n", tenant.id(), posted, delivered,
                    tenant.pool().addresses().getFirst().ip(), tenant.pool().addresses().getLast().ip());
        }
        InetSocketAddress dns = cloud.internet().dnsAddress();
        DkimVerifier verifier = new DkimVerifier(new DnsDkimKeyLookup(DnsResolvers.fromSetting(
                dns.getHostString() + ":" + dns.getPort(), Duration.ofSeconds(2))), Clock.systemUTC());
        System.out.println("\nPer mailbox provider (what each SMTP sink received):");
        int signatures = 0;
        int passing = 0;
        int poolViolations = 0;
        List<String> examples = new ArrayList<>();
        for (SmtpSink sink : cloud.internet().sinks()) {
            List<ReceivedMail> mails = sink.received();
            TreeSet<String> sources = new TreeSet<>();
            for (ReceivedMail mail : mails) {
                String source = mail.clientAddress().getHostAddress();
                sources.add(source);
                String tenant = mail.mailFrom().substring(mail.mailFrom().indexOf('@') + 1).replaceFirst("^bounces\\.", "");
                boolean inPool = cloud.config().tenants().all().stream()
                        .anyMatch(t -> t.sendingDomain().equals(tenant) && t.pool().contains(source));
                if (!inPool) {
                    poolViolations++;
                }
                for (DkimVerification verification : verifier.verify(mail.content())) {
                    signatures++;
                    if (verification.verdict() == DkimVerdict.PASS) {
                        passing++;
                    }
                }
                mail.emlFile().ifPresent(file -> {
                    if (examples.size() < 2) {
                        examples.add(file.toString());
                    }
                });
            }
            System.out.printf("  %-8s %3d message(s) from %d source IP(s)%s%n", sink.name(), mails.size(), sources.size(),
                    sources.isEmpty() ? "" : " e.g. " + String.join(", ", sources.stream().limit(4).toList()));
        }
        System.out.printf("%nSource IPs outside the sending tenant's pool: %d%n", poolViolations);
        System.out.printf("DKIM signatures verified against the keys published in the local DNS: %d of %d pass (rsa-sha256 + ed25519-sha256)%n",
                passing, signatures);
        System.out.println("\nDelivered mail, one .eml per message: " + mailDir + "/<provider>/");
        examples.forEach(example -> System.out.println("  " + example));
    }
}
