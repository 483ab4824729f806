package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.adapters.fleetstate.SendingQuotas;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.emulators.fixtures.LocalClients;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local engine, run as {@code email-engine local --data-dir} runs it, is stopped with SIGTERM while its fleet node
 * still holds the day's traffic counts; started again on the same data, the fleet-state table has every delivery
 * counted (a count lost there would let a restarted node exceed a warming IP's daily quota).
 */
class TrafficCountsSurviveARestartTest {

    private static final Path CONFIG = Path.of("../config/local");
    private static final String SINKS = "127.0.13";
    private static final int CONTACTS = 6;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Pattern READY = Pattern.compile("READY api=(\\S+) dynamodb=(\\S+) key=(\\S+)");

    @TempDir
    Path data;
    @TempDir
    Path dkim;

    @Test
    void theCountsANodeHeldWhenTheEngineGotSigtermAreThereAfterTheRestart() throws Exception {
        Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalEngineMain.class.getName(),
                CONFIG.toString(), data.toString(), dkim.toString(), SINKS).redirectErrorStream(true).start();
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<Matcher> ready = follow(engine, output);
        try {
            Matcher endpoints = ready.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            post(URI.create(endpoints.group(1)), endpoints.group(3));
            try (DynamoDbClient dynamo = LocalClients.dynamoDb(URI.create(endpoints.group(2)))) {
                awaitSent(dynamo);
                assertThat(deliveredToday(dynamo)).as("counts still held by the node when it is stopped").isZero();
            }

            engine.destroy(); // SIGTERM
            assertThat(engine.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("stopped; its last lines: %s", output).isTrue();
        } finally {
            engine.destroyForcibly();
        }

        try (LocalCloud again = LocalCloud.start(LocalCloudOptions.ephemeral(CONFIG, dkim, SINKS).withDataDir(data))) {
            assertThat(deliveredToday(again.dependencies().dynamoDb())).as("engine output: %s", output).isEqualTo(CONTACTS);
        }
    }

    private static CompletableFuture<Matcher> follow(Process engine, Deque<String> output) {
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m);
                    }
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > 40) {
                            output.removeFirst();
                        }
                    }
                }
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the engine ended before it was ready: " + output));
        });
        return ready;
    }

    private static void post(URI api, String key) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            List<String> tenants = List.of("sos-expat", "ulixai");
            for (int i = 0; i < CONTACTS; i++) {
                String body = "{\"email\":\"restart." + UUID.randomUUID().toString().substring(0, 8) + "@example.test\","
                        + "\"first_name\":\"Ana\",\"language\":\"en\",\"tenant\":\"" + tenants.get(i % 2) + "\"}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(RouteTable.INGEST_PATH))
                        .header("content-type", "application/json").header("x-ee-source", "manual")
                        .header("authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            }
        }
    }

    private static void awaitSent(DynamoDbClient dynamo) throws InterruptedException {
        String table = new ResourceNames("local").table(SystemTopology.CONTACTS_TABLE);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long sent = 0;
        while (System.nanoTime() < deadline) {
            sent = dynamo.scan(r -> r.tableName(table).consistentRead(true)).items().stream()
                    .filter(item -> item.get("status").s().equals("sent")).count();
            if (sent == CONTACTS) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + sent + " of " + CONTACTS + " contacts sent within " + DEADLINE);
    }

    private static long deliveredToday(DynamoDbClient dynamo) {
        SendingQuotas quotas = new SendingQuotas(dynamo, new ResourceNames("local").table(SystemTopology.FLEET_STATE_TABLE));
        EngineConfig config = EngineConfig.load(new DirectoryConfigSource(CONFIG));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return config.tenants().all().stream().flatMap(t -> t.pool().addresses().stream())
                .mapToLong(address -> quotas.dayStats(address.ip(), today).delivered()).sum();
    }
}
