package com.emailengine.local.runtime;

import static com.emailengine.local.runtime.TestFunctions.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.source.DirectorySourceKeys;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.cloud.ResourceProvisioner;
import com.emailengine.emulators.internet.LocalInternet;
import com.emailengine.emulators.internet.LocalInternetSettings;
import com.emailengine.emulators.internet.MailProvider;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.FunctionDefinition;
import com.emailengine.platform.topology.QueueTrigger;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.ScheduleDefinition;
import com.emailengine.platform.topology.SystemTopology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The topology's own handlers (ingest-api, contact-intake, due-steps) run by the local runtime, wired as
 * the local cloud wires them: HTTP request → contacts queue → intake into DynamoDB → scheduled due steps
 * → the tenant's outbound queue. Configuration is read from the config bucket, as in the cloud.
 */
class TopologyFunctionsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Path CONFIG_DIR = Path.of("../config/local");

    private static final List<AutoCloseable> running = new ArrayList<>();
    private static SystemTopology topology;
    private static ResourceProvisioner.Provisioned provisioned;
    private static FunctionDependencies dependencies;
    private static LocalApiGateway gateway;
    private static LocalScheduler scheduler;
    private static String manualKey;

    @BeforeAll
    static void startTheFunctions() throws Exception {
        LocalEmulators emulators = LocalEmulators.start(EmulatorSettings.ephemeral());
        running.add(emulators);
        Map<String, String> settings = LocalDependencies.settings(emulators.endpoints());
        // The intake checks the domain's MX: a local DNS serves gmail.test and the other provider domains.
        LocalInternet internet = LocalInternet.start(LocalInternetSettings.of(
                new InetSocketAddress("127.0.11.53", 0), 0, MailProvider.defaultProviders("127.0.11")));
        running.add(internet);
        settings.put(Settings.DNS_RESOLVER, "127.0.11.53:" + internet.dnsAddress().getPort());
        FunctionDependencies admin = LocalDependencies.of(settings);
        EngineConfig config = EngineConfig.load(new DirectoryConfigSource(CONFIG_DIR));
        topology = SystemTopology.forTenants(config.tenants().ids());
        provisioned = new ResourceProvisioner(admin.sqs(), admin.dynamoDb(), admin.s3())
                .provision(topology, new ResourceNames(LocalDependencies.STAGE));
        provisioned.queueUrls().forEach((queue, url) -> settings.put(ResourceNames.queueUrlSetting(queue), url));
        provisioned.buckets().forEach((bucket, name) -> settings.put(ResourceNames.bucketSetting(bucket), name));
        for (String file : EngineConfig.FILES) {
            admin.s3().putObject(r -> r.bucket(provisioned.buckets().get(SystemTopology.CONFIG_BUCKET)).key("config/" + file),
                    RequestBody.fromFile(CONFIG_DIR.resolve(file)));
        }
        // Sources authenticate; the local key store is a folder, as in the local cloud.
        Path sourceKeys = java.nio.file.Files.createTempDirectory("ee-source-keys");
        settings.put(Settings.SOURCE_KEY_DIR, sourceKeys.toString());
        manualKey = new DirectorySourceKeys(sourceKeys).ensureKey("manual");
        // The due-steps function keys message ids, with a file locally as the local cloud gives it.
        settings.put(Settings.MESSAGE_ID_KEY_FILE, sourceKeys.resolve("message-id.key").toString());
        dependencies = LocalDependencies.of(settings);

        Map<String, LocalFunction> functions = new HashMap<>();
        for (FunctionDefinition definition : topology.functions()) {
            functions.put(definition.name(), LocalFunction.create(definition, dependencies));
        }
        Map<RouteDefinition, LocalFunction> routes = new LinkedHashMap<>();
        topology.routes().forEach(route -> routes.put(route, functions.get(route.function())));
        gateway = LocalApiGateway.start(EmulatorSettings.LOOPBACK, 0, routes);
        running.add(gateway);
        for (QueueTrigger trigger : topology.triggers()) {
            running.add(SqsEventSourcePoller.start(dependencies.sqs(), trigger, provisioned.queueUrls().get(trigger.queue()),
                    provisioned.queueArns().get(trigger.queue()), emulators.endpoints().region(),
                    functions.get(trigger.function()), 1));
        }
        // Speedup 1: rate(1 minute) will not fire during the test; the test fires it.
        scheduler = new LocalScheduler(1);
        running.add(scheduler);
        for (ScheduleDefinition schedule : topology.schedules()) {
            scheduler.add(schedule, functions.get(schedule.function()));
        }
    }

    @AfterAll
    static void stopTheFunctions() throws Exception {
        for (AutoCloseable resource : running.reversed()) {
            resource.close();
        }
    }

    @Test
    void aContactPostedToTheApiIsStoredEnrolledAndItsWelcomeStepQueuedForSending() throws Exception {
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            response = http.send(HttpRequest.newBuilder(URI.create(gateway.endpoint() + RouteTable.INGEST_PATH))
                    .header("Content-Type", "application/json")
                    .header("x-ee-source", "manual").header("Authorization", "Bearer " + manualKey)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"tenant\":\"sos-expat\",\"email\":\"ana@gmail.test\",\"first_name\":\"Ana\",\"language\":\"fr\",\"source\":\"partner-form\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        JsonNode accepted = new ObjectMapper().readTree(response.body());
        EmailHash id = EmailHash.of(EmailAddress.parse("ana@gmail.test"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(accepted.get("contact_id").asText()).isEqualTo(id.hex());
        assertThat(accepted.get("request_id").asText()).isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());

        // The contacts queue's poller hands the submission to contact-intake, which stores and enrolls.
        assertThat(eventually(DEADLINE, () -> dependencies.contacts().find("sos-expat", id)
                .map(Contact::status).filter(ContactStatus.ENROLLED::equals).isPresent())).isTrue();

        Object report = scheduler.fire(topology.schedules().getFirst().name());
        List<Message> outbound = dependencies.sqs().receiveMessage(r -> r.queueUrl(
                provisioned.queueUrls().get(SystemTopology.outboundQueue("sos-expat"))).waitTimeSeconds(5)).messages();

        assertThat(report).isEqualTo("queued=1 stopped=0 failed=0 held=0");
        assertThat(outbound).hasSize(1);
        assertThat(outbound.getFirst().body()).contains("ana@gmail.test");
        Optional<Contact> contact = dependencies.contacts().find("sos-expat", id);
        assertThat(contact).map(Contact::language).contains("fr");
    }

    @Test
    void anUnknownRouteNeverReachesAFunction() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.endpoint() + "/api/v1/contacts"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }
}
