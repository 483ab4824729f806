package com.emailengine.systemtests;

import static com.emailengine.systemtests.ContactStages.Stage.ENROLLED_STEP_NOT_RENDERED;
import static com.emailengine.systemtests.ContactStages.Stage.BEING_SENT;
import static com.emailengine.systemtests.ContactStages.Stage.ON_AN_OUTBOUND_QUEUE;
import static com.emailengine.systemtests.ContactStages.Stage.ON_THE_CONTACTS_QUEUE;
import static com.emailengine.systemtests.ContactStages.Stage.OTHER;
import static com.emailengine.systemtests.ContactStages.Stage.SENT;
import static com.emailengine.systemtests.ContactStages.Stage.WAITING_FOR_ITS_RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.adapters.secrets.MessageIdKeys;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.delivery.MessageIds;
import com.emailengine.emulators.fixtures.LocalClients;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local engine, on a data folder as {@code email-engine local --data-dir} runs it, is killed ({@code kill -9}) with
 * accepted contacts at every stage: still on the contacts queue, enrolled with the step not rendered, rendered on an
 * outbound queue, in flight in the fleet (greylisted by their provider, their messages hidden on the outbound queue
 * until the retry), and sent. Started again on the same data, the engine brings every one of them to {@code sent},
 * and each recipient finds one message at the sinks.
 *
 * <p>The load is shaped so that each stage holds contacts at the kill, not left to timing: the node serves only
 * ulixai's IPs, so sos-expat's rendered messages stay on their queue; ulixai's greylisted recipients are deferred for
 * 30 s; then the schedule and the contacts event source are disabled before the last two waves.
 */
class AcceptedContactsSurviveAKilledEngineTest {

    private static final Path CONFIG = Path.of("../config/local");
    private static final String SINKS = "127.0.15";
    private static final String GREYLISTED = "greylisted.";
    private static final ResourceNames NAMES = new ResourceNames("local");
    private static final Duration STAGE_DEADLINE = Duration.ofSeconds(60);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);
    private static final int RETRY_AFTER_GREYLISTING_SECONDS = 30;
    private static final Pattern READY = Pattern.compile("api=(\\S+) dynamodb=(\\S+) sqs=(\\S+) key=(\\S+)");
    private static final Pattern RECIPIENT = Pattern.compile("\\bfor <([^>]+)>");

    @TempDir
    Path data;
    @TempDir
    Path dkim;
    @TempDir
    Path mail;

    private final List<String> accepted = new ArrayList<>();
    private MessageIds messageIds;

    @Test
    void everyContactAcceptedBeforeTheEngineWasKilledIsSentOnceAfterTheRestart() throws Exception {
        // The stage's message id key, made here before the engine starts (it then reads this one): the ledger is read by id.
        messageIds = new MessageIds(MessageIdKeys.load(Settings.of(Map.of(Settings.MESSAGE_ID_KEY_FILE,
                dkim.resolve("message-id.key").toString())), NAMES, () -> {
                    throw new IllegalStateException("the key is a file here");
                }));
        long startedAt = System.nanoTime();
        Process engine = startEngine();
        EngineOutput output = EngineOutput.follow(engine);
        long killedAt;
        List<ProcessHandle> children;
        try (PrintWriter commands = new PrintWriter(engine.getOutputStream(), true, StandardCharsets.UTF_8)) {
            Matcher endpoints = READY.matcher(output.awaitLine(SteeredEngineMain.READY, STAGE_DEADLINE));
            assertThat(endpoints.find()).isTrue();
            URI api = URI.create(endpoints.group(1));
            String key = endpoints.group(4);
            try (DynamoDbClient dynamo = LocalClients.dynamoDb(URI.create(endpoints.group(2)));
                    SqsClient sqs = LocalClients.sqs(URI.create(endpoints.group(3)));
                    HttpClient http = HttpClient.newHttpClient()) {
                long readyAt = System.nanoTime();
                // The first two waves side by side; the greylisted after them, so that the engine's first, slowest
                // sends do not eat into the time their retry waits.
                List<String> sent = post(http, api, key, "sent.", 20, "ulixai");
                List<String> outbound = post(http, api, key, "outbound.", 60, "sos-expat");
                awaitStage(dynamo, sent, SENT);
                awaitStage(dynamo, outbound, ON_AN_OUTBOUND_QUEUE);
                List<String> inFlight = post(http, api, key, GREYLISTED, 40, "ulixai");
                awaitStage(dynamo, inFlight, WAITING_FOR_ITS_RETRY);
                long deferredAt = System.nanoTime();

                command(commands, output, "disable-schedule due-steps-every-minute");
                List<String> enrolled = post(http, api, key, "enrolled.", 40, "sos-expat", "ulixai");
                awaitStage(dynamo, enrolled, ENROLLED_STEP_NOT_RENDERED);
                command(commands, output, "disable-source " + SystemTopology.CONTACTS_QUEUE);
                post(http, api, key, "queued.", 40, "sos-expat", "ulixai");
                // No batch of delivery events in a poller's hands at the kill: those would wait out the queue's 3 minutes.
                command(commands, output, "disable-source " + SystemTopology.EVENTS_QUEUE);

                ContactStages beforeKill = stages(dynamo, accepted);
                String depths = ContactStages.queueDepths(sqs, topology(), NAMES);
                System.out.printf("the engine ready %d ms after its start; the kill %d ms later, %d ms after the greylisted were "
                        + "deferred for %d s: %s; queues: %s%n", (readyAt - startedAt) / 1_000_000,
                        (System.nanoTime() - readyAt) / 1_000_000, (System.nanoTime() - deferredAt) / 1_000_000,
                        RETRY_AFTER_GREYLISTING_SECONDS, beforeKill, depths);
                children = engine.descendants().toList(); // dynalite
                engine.destroyForcibly(); // SIGKILL: no shutdown hook runs, nothing is flushed or closed
                killedAt = System.nanoTime();
                // A message being sent at a kill would wait out its claim (3 min) after the restart: not lost, but slow.
                assertThat(beforeKill.counts()).as("contacts per stage at the kill; queues: %s", depths).isEqualTo(Map.of(
                        SENT, 20, ON_AN_OUTBOUND_QUEUE, 60, WAITING_FOR_ITS_RETRY, 40, ENROLLED_STEP_NOT_RENDERED, 40,
                        ON_THE_CONTACTS_QUEUE, 40, BEING_SENT, 0, OTHER, 0));
            }
        } finally {
            engine.destroyForcibly();
        }
        assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // dynalite stops when the dead JVM's pipe to it closes; the restart must not find it still holding its files.
        for (ProcessHandle child : children) {
            assertThat(child.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join()).as("%s of the killed engine "
                    + "stopped", child.info().command().orElse("pid " + child.pid())).isNotNull();
        }

        long restartedAt = System.nanoTime();
        try (LocalCloud again = LocalCloud.start(LocalCloudOptions.ephemeral(CONFIG, dkim, SINKS).withDataDir(data)
                .withMailDir(mail))) {
            long startMillis = (System.nanoTime() - restartedAt) / 1_000_000;
            ContactStages after = awaitAllSent(again.dependencies().dynamoDb(), output);
            System.out.printf("restart: the engine started in %d ms; every contact sent %d ms after the kill (%s)%n",
                    startMillis, (System.nanoTime() - killedAt) / 1_000_000, after);
        }

        Map<String, Long> messagesPerRecipient = receivedPerRecipient();
        List<String> missing = accepted.stream().filter(email -> !messagesPerRecipient.containsKey(email)).toList();
        Map<String, Long> duplicated = messagesPerRecipient.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(missing).as("recipients with no message at the sinks").isEmpty();
        assertThat(messagesPerRecipient.keySet()).as("only accepted contacts got mail").allMatch(accepted::contains);
        // D6 leaves one window: a node that dies between the receiver's 250 and its ledger write sends that message
        // again after the restart. Nothing was being sent at this kill (BEING_SENT was 0), so none may come twice.
        assertThat(duplicated).as("recipients with more than one message").isEmpty();
    }

    private Process startEngine() throws IOException {
        String home = EngineConfig.load(new DirectoryConfigSource(CONFIG)).tenants().find("ulixai").orElseThrow().pool()
                .addresses().stream().map(address -> address.ip()).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SteeredEngineMain.class.getName(),
                CONFIG.toString(), data.toString(), dkim.toString(), SINKS, mail.toString(), GREYLISTED,
                // The node holds only ulixai's IPs and takes no others over: sos-expat's messages wait on their queue.
                FleetSettingKeys.ADDRESSES + "=" + home, FleetSettingKeys.TAKEOVER + "=false",
                FleetSettingKeys.RETRY_FIRST_DELAY + "=" + RETRY_AFTER_GREYLISTING_SECONDS));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private List<String> post(HttpClient http, URI api, String key, String prefix, int count, String... tenants)
            throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = prefix + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
            String body = "{\"email\":\"" + email + "\",\"first_name\":\"Ana\",\"language\":\"en\",\"tenant\":\""
                    + tenants[i % tenants.length] + "\"}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(RouteTable.INGEST_PATH))
                    .header("content-type", "application/json").header("x-ee-source", "manual")
                    .header("authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            emails.add(email);
        }
        accepted.addAll(emails);
        return emails;
    }

    private void awaitStage(DynamoDbClient dynamo, List<String> emails, ContactStages.Stage stage)
            throws InterruptedException {
        long deadline = System.nanoTime() + STAGE_DEADLINE.toNanos();
        ContactStages stages = stages(dynamo, emails);
        while (stages.count(stage) < emails.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            stages = stages(dynamo, emails);
        }
        assertThat(stages.count(stage)).as("contacts of the wave at %s: %s", stage, stages).isEqualTo(emails.size());
    }

    private ContactStages awaitAllSent(DynamoDbClient dynamo, EngineOutput killed) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_DEADLINE.toNanos();
        ContactStages stages = stages(dynamo, accepted);
        while (stages.count(SENT) < accepted.size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            stages = stages(dynamo, accepted);
        }
        assertThat(stages.count(SENT)).as("contacts sent after the restart: %s; not sent: %s; the killed engine's last lines: %s",
                stages, notSent(stages), killed.lastLines()).isEqualTo(accepted.size());
        return stages;
    }

    private ContactStages stages(DynamoDbClient dynamo, List<String> emails) {
        return ContactStages.read(dynamo, NAMES, messageIds, emails);
    }

    private static Map<ContactStages.Stage, List<String>> notSent(ContactStages stages) {
        return Stream.of(ContactStages.Stage.values()).filter(Predicate.not(SENT::equals))
                .collect(Collectors.toMap(stage -> stage, stages::emailsAt));
    }

    /** Messages in the sinks' mail folder, by the recipient their {@code Received:} header names; both runs wrote there. */
    private Map<String, Long> receivedPerRecipient() throws IOException {
        try (Stream<Path> files = Files.walk(mail)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".eml")).map(file -> {
                try {
                    Matcher recipient = RECIPIENT.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                    return recipient.find() ? recipient.group(1) : "(no recipient in " + file + ")";
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.groupingBy(recipient -> recipient, Collectors.counting()));
        }
    }

    private static void command(PrintWriter commands, EngineOutput output, String command) throws InterruptedException {
        commands.println(command);
        output.awaitLine(SteeredEngineMain.DONE + command, STAGE_DEADLINE);
    }

    private static SystemTopology topology() {
        return SystemTopology.forTenants(EngineConfig.load(new DirectoryConfigSource(CONFIG)).tenants().ids());
    }

    /** The child's output: lines waited for, and the last ones kept for failure messages. */
    private static final class EngineOutput {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> last = new ArrayList<>();

        static EngineOutput follow(Process engine) {
            EngineOutput output = new EngineOutput();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        output.add(line);
                    }
                } catch (IOException ended) {
                    // The engine was killed: its output ends here.
                }
            });
            return output;
        }

        private void add(String line) {
            synchronized (last) {
                last.add(line);
                if (last.size() > 40) {
                    last.removeFirst();
                }
            }
            lines.add(line);
        }

        String awaitLine(String start, Duration deadline) throws InterruptedException {
            long end = System.nanoTime() + deadline.toNanos();
            for (String line = lines.poll(deadline.toMillis(), TimeUnit.MILLISECONDS); line != null;
                    line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (line.startsWith(start)) {
                    return line;
                }
            }
            throw new AssertionError("the engine did not print '" + start + "' within " + deadline + ": " + lastLines());
        }

        List<String> lastLines() {
            synchronized (last) {
                return List.copyOf(last);
            }
        }
    }
}
