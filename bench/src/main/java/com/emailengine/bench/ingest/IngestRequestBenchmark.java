package com.emailengine.bench.ingest;

import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.source.DirectorySourceKeys;
import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.cloud.ResourceProvisioner;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.local.runtime.LocalApiGateway;
import com.emailengine.local.runtime.LocalFunction;
import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code POST /api/v2/contacts/ingest} of 1,000 new contacts, over HTTP through the local API gateway into the
 * real handler, authenticated, parsed, enriched, routed, validated offline, checked against the contacts and
 * suppression tables (dynalite) and queued (ElasticMQ), answered with 1,000 results. The target is at most one second.
 * Every request carries addresses never posted before, so the duplicate check reads misses, as for a fresh import.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dee.log.level=warn"})
@Warmup(iterations = 5)
@Measurement(iterations = 20)
public class IngestRequestBenchmark {

    static final int CONTACTS = 1_000;
    private static final String SOURCE = "maps-scraper";
    private static final String[] DOMAINS = {"gmail.test", "outlook.test", "yahoo.test", "cabinet-martin.fr", "studio.co.uk"};
    private static final String[] LANGUAGES = {"fr", "en", "es", "de", ""};

    private final AtomicLong run = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalEmulators emulators;
    private LocalApiGateway api;
    private URI ingest;
    private String key;
    private String queueUrl;
    private FunctionDependencies dependencies;
    private String body;

    @Setup(Level.Trial)
    public void startCloud() throws IOException {
        Path configDir = Path.of(System.getProperty("ee.config", "config/local"));
        EngineConfig config = EngineConfig.load(new DirectoryConfigSource(configDir));
        emulators = LocalEmulators.start(EmulatorSettings.ephemeral());
        CloudEndpoints endpoints = emulators.endpoints();
        Map<String, String> settings = endpoints.settings("bench");
        settings.put(Settings.CONFIG_DIR, configDir.toString());
        Path keys = Files.createTempDirectory("ee-bench-keys");
        key = new DirectorySourceKeys(keys).ensureKey(SOURCE);
        settings.put(Settings.SOURCE_KEY_DIR, keys.toString());
        SystemTopology topology = SystemTopology.forTenants(config.tenants().ids());
        FunctionDependencies admin = new FunctionDependencies(Settings.of(settings), Clock.systemUTC());
        ResourceProvisioner.Provisioned provisioned = new ResourceProvisioner(admin.sqs(), admin.dynamoDb(), admin.s3())
                .provision(topology, new ResourceNames("bench"));
        provisioned.queueUrls().forEach((queue, url) -> settings.put(ResourceNames.queueUrlSetting(queue), url));
        queueUrl = provisioned.queueUrls().get(SystemTopology.CONTACTS_QUEUE);
        dependencies = new FunctionDependencies(Settings.of(settings), Clock.systemUTC());
        RouteDefinition route = topology.routes().getFirst();
        api = LocalApiGateway.start(EmulatorSettings.LOOPBACK, 0,
                Map.of(route, LocalFunction.create(topology.function(route.function()), dependencies)));
        ingest = api.endpoint().resolve(RouteTable.INGEST_PATH);
    }

    @Setup(Level.Invocation)
    public void freshContacts() {
        long n = run.incrementAndGet();
        StringBuilder json = new StringBuilder(CONTACTS * 200).append("{\"source\":\"google-maps\",\"contacts\":[");
        for (int i = 0; i < CONTACTS; i++) {
            String language = LANGUAGES[i % LANGUAGES.length];
            json.append(i == 0 ? "" : ",").append("{\"email\":\"person").append(i).append(".run").append(n).append('@')
                    .append(DOMAINS[i % DOMAINS.length]).append("\",\"first_name\":\"Person ").append(i)
                    .append("\",\"company\":\"Cabinet ").append(i).append("\",\"city\":\"Lyon\"")
                    .append(language.isEmpty() ? "" : ",\"language\":\"" + language + "\"")
                    .append(",\"site_url\":\"https://site").append(i).append(".example.fr/\",\"domain_authority\":")
                    .append(i % 100).append('}');
        }
        body = json.append("]}").toString();
    }

    @Benchmark
    public String ingestOneRequestOfAThousandContacts() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingest).header("content-type", "application/json")
                .header("x-ee-source", SOURCE).header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202 || !response.body().contains("\"accepted\":" + CONTACTS)) {
            throw new IllegalStateException("ingest answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(400, response.body().length())));
        }
        return response.body();
    }

    @TearDown(Level.Iteration)
    public void emptyTheQueue() {
        dependencies.sqs().purgeQueue(r -> r.queueUrl(queueUrl));
    }

    @TearDown(Level.Trial)
    public void stopCloud() {
        api.close();
        emulators.close();
    }
}
