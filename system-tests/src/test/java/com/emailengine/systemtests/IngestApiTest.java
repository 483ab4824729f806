package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import com.emailengine.adapters.dynamodb.DynamoEnrollmentStore;
import com.emailengine.adapters.sqs.ContactMessages;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.ingest.ContactIntake;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.json.Json;
import com.emailengine.core.source.DirectorySourceKeys;
import com.emailengine.core.source.RequestAuthenticator;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.SuppressionCheck;
import com.emailengine.core.validation.ValidationData;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.local.runtime.LocalApiGateway;
import com.emailengine.local.runtime.LocalFunction;
import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.SystemTopology;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /api/v2/contacts/ingest} over HTTP through the local API gateway, the real handler and adapters on the
 * emulators: batches with per-contact results, authentication by key and by signature, sources bound to tenants,
 * routing, duplicates, the merge rule, and bad input answered with a 4xx that writes nothing.
 */
@ExtendWith(SharedEmulators.class)
class IngestApiTest {

    private static final AtomicInteger STAGES = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmulatedStage stage;
    private FunctionDependencies dependencies;
    private LocalApiGateway api;
    private URI ingest;
    private String crawlerKey;
    private String signerKey;

    @BeforeEach
    void start(LocalEmulators emulators) throws Exception {
        stage = EmulatedStage.provision(emulators, "ingest" + STAGES.incrementAndGet());
        Path keys = Files.createTempDirectory("ee-source-keys");
        crawlerKey = new DirectorySourceKeys(keys).ensureKey("crawler");
        signerKey = new DirectorySourceKeys(keys).ensureKey("signer");
        Map<String, String> settings = stage.settingsMap();
        settings.put(Settings.SOURCE_KEY_DIR, keys.toString());
        dependencies = new FunctionDependencies(Settings.of(settings), Clock.systemUTC());
        SystemTopology topology = SystemTopology.forTenants(TestTenants.IDS);
        RouteDefinition route = topology.routes().getFirst();
        api = LocalApiGateway.start(EmulatorSettings.LOOPBACK, 0,
                Map.of(route, LocalFunction.create(topology.function(route.function()), dependencies)));
        ingest = api.endpoint().resolve(RouteTable.INGEST_PATH);
    }

    @AfterEach
    void stop() {
        api.close();
        stage.close();
    }

    @Test
    void aBatchOfAThousandGetsOneResultPerContactAndOnlyItsBadContactsAreRejected() throws Exception {
        StringBuilder body = new StringBuilder("{\"source\":\"maps\",\"contacts\":[");
        for (int i = 0; i < 1000; i++) {
            String contact = switch (i) {
                case 10 -> "{\"email\":\"john..doe@gmail.test\"}";
                case 20 -> "{\"email\":\"temp@mailinator.com\"}";
                case 30 -> "{\"first_name\":\"no address\"}";
                case 40 -> "{\"email\":\"p40@gmail.test\",\"tenant\":\"acme\"}";
                case 50 -> "{\"email\":\"postmaster@firm.test\"}";
                case 60 -> "{\"email\":\"info@firm.test\",\"tenant\":\"alpha\"}";
                case 70 -> "{\"email\":\"P0@GMAIL.test\",\"company\":\"Later Ltd\",\"language\":\"fr\"}";
                case 80 -> "{\"email\":\"p80@gmaiil.com\"}";
                default -> "{\"email\":\"p" + i + "@gmail.test\",\"first_name\":\"P" + i + "\",\"language\":\""
                        + (i % 2 == 0 ? "fr" : "en") + "\"}";
            };
            body.append(i == 0 ? "" : ",").append(contact);
        }
        body.append("]}");

        HttpResponse<String> response = post(body.toString(), "crawler", crawlerKey);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = Json.MAPPER.readTree(response.body());
        assertThat(answer.path("received").asInt()).isEqualTo(1000);
        assertThat(answer.path("rejected").asInt()).isEqualTo(5);
        assertThat(answer.path("duplicate").asInt()).isEqualTo(1);
        assertThat(answer.path("accepted").asInt()).isEqualTo(994);
        JsonNode results = answer.path("results");
        assertThat(results).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
        }
        assertThat(error(results.get(10))).isEqualTo("invalid_email/invalid_local_part");
        assertThat(error(results.get(20))).isEqualTo("invalid_email/disposable_domain");
        assertThat(error(results.get(30))).isEqualTo("missing_field/");
        assertThat(error(results.get(40))).isEqualTo("unknown_tenant/");
        assertThat(error(results.get(50))).isEqualTo("invalid_email/system_mailbox");
        assertThat(results.get(60).path("status").asText()).isEqualTo("accepted");
        assertThat(results.get(60).path("verdict").asText()).as("alpha holds role accounts").isEqualTo("risky");
        assertThat(results.get(60).path("reasons").get(0).asText()).isEqualTo("role_account");
        assertThat(results.get(70).path("status").asText()).isEqualTo("duplicate");
        assertThat(results.get(70).path("duplicate_of").asInt()).isEqualTo(0);
        assertThat(results.get(80).path("suggestion").asText()).isEqualTo("p80@gmail.com");
        assertThat(results.get(2).path("tenant").asText()).as("French speakers go to alpha").isEqualTo("alpha");
        assertThat(results.get(3).path("tenant").asText()).isEqualTo("beta");
        assertThat(results.get(3).path("contact_id").asText()).isEqualTo(EmailHash.of(EmailAddress.parse("p3@gmail.test")).hex());

        List<ContactSubmission> queued = stage.drain(SystemTopology.CONTACTS_QUEUE).stream()
                .flatMap(message -> ContactMessages.decode(message).stream()).toList();
        assertThat(queued).as("every contact taken, once").hasSize(994)
                .extracting(ContactSubmission::email).doesNotHaveDuplicates().contains("p0@gmail.test", "info@firm.test");
        assertThat(queued).filteredOn(s -> s.email().equals("p0@gmail.test")).singleElement()
                .satisfies(s -> assertThat(s.profile().company()).as("a repeat's fields merged in").isEqualTo("Later Ltd"));
        assertThat(contactItems()).as("the API writes no contact; the intake does").isEmpty();
    }

    @Test
    void theSameAddressPostedAgainIsADuplicateWhoseNewFieldsMergeByTheDocumentedRule() throws Exception {
        String first = "{\"email\":\"Zoe@Cabinet.test\",\"first_name\":\"Zoé\",\"language\":\"fr\",\"company\":\"Cabinet Avocat\","
                + "\"city\":\"Lyon\",\"tenant\":\"alpha\"}";
        String later = "{\"email\":\"zoe@cabinet.test\",\"company\":\"Cabinet Avocat & Associés\",\"phone\":\"+33 4 00 00 00 00\","
                + "\"domain_authority\":41,\"tenant\":\"alpha\",\"site_url\":\"https://cabinet.test/\"}";

        assertThat(Json.MAPPER.readTree(post(first, "crawler", crawlerKey).body()).path("status").asText()).isEqualTo("accepted");
        runIntake();
        HttpResponse<String> again = post(later, "crawler", crawlerKey);
        runIntake();

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(again.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(contactItems()).singleElement().satisfies(item -> {
            assertThat(item.get("email").s()).isEqualTo("Zoe@cabinet.test");
            assertThat(item.get("first_name").s()).as("absent later: kept").isEqualTo("Zoé");
            assertThat(item.get("company").s()).as("given later: replaced").isEqualTo("Cabinet Avocat & Associés");
            assertThat(item.get("phone").s()).as("new: added").isEqualTo("+33 4 00 00 00 00");
            assertThat(item.get("domain_authority").n()).isEqualTo("41");
            assertThat(item.get("city").s()).isEqualTo("Lyon");
            assertThat(item.get("language").s()).as("given before, not given later: kept").isEqualTo("fr");
            assertThat(item.get("category").s()).as("derived from the company's keywords").isEqualTo("legal");
            assertThat(item.get("status").s()).isEqualTo("enrolled");
            assertThat(item.get("sources").ss()).containsExactly("crawler");
        });
    }

    @Test
    void aSignedRequestAuthenticatesItsSource() throws Exception {
        String body = "{\"email\":\"signed@gmail.test\",\"tenant\":\"alpha\"}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpResponse<String> response = send(HttpRequest.newBuilder(ingest).header("content-type", "application/json")
                .header("x-ee-source", "signer").header("x-ee-timestamp", timestamp)
                .header("x-ee-signature", "sha256=" + RequestAuthenticator.sign(signerKey, timestamp, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(stage.messagesOn(SystemTopology.CONTACTS_QUEUE)).isEqualTo(1);
    }

    @Test
    void aSuppressedAddressIsRejectedWithItsReason() throws Exception {
        EmailHash id = EmailHash.of(EmailAddress.parse("gone@gmail.test"));
        dependencies.suppressions().add(new Suppression("alpha", id, "unsubscribed", "test", Instant.now()));

        HttpResponse<String> response = post("{\"email\":\"Gone@gmail.test\",\"tenant\":\"alpha\"}", "crawler", crawlerKey);
        HttpResponse<String> otherTenant = post("{\"email\":\"gone@gmail.test\",\"tenant\":\"beta\"}", "crawler", crawlerKey);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Json.MAPPER.readTree(response.body()).path("error").path("code").asText()).isEqualTo("suppressed");
        assertThat(otherTenant.statusCode()).isEqualTo(202);
    }

    static Stream<Arguments> badRequests() {
        String good = "{\"email\":\"a@gmail.test\",\"tenant\":\"alpha\"}";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"email\": ", "crawler", true, 400, "malformed_json"),
                Arguments.of("a bare list", "[{\"email\":\"a@gmail.test\"}]", "crawler", true, 400, "malformed_json"),
                Arguments.of("wrong key", good, "crawler", false, 401, "invalid_credentials"),
                Arguments.of("unknown source", good, "nobody", true, 401, "invalid_credentials"),
                Arguments.of("no credentials", good, null, false, 401, "missing_credentials"),
                Arguments.of("a tenant the source may not feed", "{\"email\":\"a@gmail.test\",\"tenant\":\"beta\"}", "signer-as-key",
                        true, 403, "tenant_not_allowed"),
                Arguments.of("a batch whose every contact is bad", "{\"contacts\":[{\"email\":\"x@localhost\"},{\"tenant\":\"alpha\"}]}",
                        "crawler", true, 422, "no_contact_accepted"),
                Arguments.of("too many contacts", "{\"contacts\":[" + "{\"email\":\"a@gmail.test\"},".repeat(1000)
                        + "{\"email\":\"b@gmail.test\"}]}", "crawler", true, 413, "too_many_contacts"),
                Arguments.of("no route and no tenant", "{\"email\":\"a@gmail.test\",\"language\":\"de\"}", "signer-as-key", true,
                        422, "no_route"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsA4xxWithAReasonAndWritesNothing(String what, String body, String source, boolean rightKey, int status,
                                                     String code) throws Exception {
        HttpResponse<String> response;
        if ("signer-as-key".equals(source)) {
            // signer may only sign: use a signature, so that the refusal is about the tenant, not the method
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            response = send(HttpRequest.newBuilder(ingest).header("content-type", "application/json")
                    .header("x-ee-source", "signer").header("x-ee-timestamp", timestamp)
                    .header("x-ee-signature", RequestAuthenticator.sign(signerKey, timestamp, body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        } else {
            response = post(body, source, rightKey ? crawlerKey : "not-the-key");
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Json.MAPPER.readTree(response.body()).path("error").path("code").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(stage.messagesOn(SystemTopology.CONTACTS_QUEUE)).as("queued for %s", what).isZero();
        assertThat(contactItems()).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"application/jsonp", "application/json-seq", "text/json",
            "application/x-www-form-urlencoded"})
    void aBodyOfAnotherMediaTypeIsRefusedWith415EvenWhenItsNameStartsLikeJson(String contentType) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(ingest).header("content-type", contentType)
                .header("x-ee-source", "crawler").header("authorization", "Bearer " + crawlerKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@gmail.test\",\"tenant\":\"alpha\"}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(Json.MAPPER.readTree(response.body()).path("error").path("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(stage.messagesOn(SystemTopology.CONTACTS_QUEUE)).isZero();
    }

    @Test
    void jsonWithACharsetIsRead() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(ingest).header("content-type", "application/json; charset=utf-8")
                .header("x-ee-source", "crawler").header("authorization", "Bearer " + crawlerKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@gmail.test\",\"tenant\":\"alpha\"}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private void runIntake() {
        ContactIntake intake = new ContactIntake(TestTenants.config(), dependencies.contacts(),
                new DynamoEnrollmentStore(stage.dynamoDb(), stage.table(SystemTopology.ENROLLMENTS_TABLE), SystemTopology.ENROLLMENTS_DUE_INDEX),
                new BulkValidator(AddressValidator.standard(ValidationData.shipped(), new SuppressionCheck(dependencies.suppressions()), null), 4),
                dependencies.contactQueue(), Clock.systemUTC());
        List<ContactSubmission> submissions = new ArrayList<>();
        for (String message : stage.drain(SystemTopology.CONTACTS_QUEUE)) {
            submissions.addAll(ContactMessages.decode(message));
        }
        intake.acceptAll(submissions);
    }

    private static String error(JsonNode result) {
        assertThat(result.path("status").asText()).isEqualTo("rejected");
        return result.path("error").path("code").asText() + "/" + result.path("error").path("detail").asText();
    }

    private List<Map<String, AttributeValue>> contactItems() {
        return stage.dynamoDb().scan(r -> r.tableName(stage.table(SystemTopology.CONTACTS_TABLE))).items();
    }

    private HttpResponse<String> post(String body, String source, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (source != null) {
            request.header("x-ee-source", source).header("authorization", "Bearer " + key);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (built.uri().getPath().equals(RouteTable.INGEST_PATH)) {
            OpenApiAnswers.check(built.method(), built.uri().getPath(), response.statusCode(), response.body());
        }
        return response;
    }
}
