package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.emulators.fixtures.PythonDkim;
import com.emailengine.emulators.internet.ReceivedMail;
import com.emailengine.emulators.internet.SmtpSink;
import com.emailengine.local.LocalCloud;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.SystemTopology;
import com.emailengine.platform.topology.TableDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The walking skeleton's acceptance, end to end through the real pieces: contacts posted to the local API
 * for both tenants travel through the contacts queue, intake, enrollment, the scheduler, the outbound
 * queues and a sender-fleet node, and arrive over SMTP at the mailbox provider their MX names, sent from
 * an address of their tenant's own pool, DKIM-signed so that an independent verifier (dkimpy) passes them
 * against the keys published in DNS; the contact is then marked sent in DynamoDB. Subclasses choose the
 * cloud: the embedded emulators, or LocalStack where Docker exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenario {

    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(90);
    private static final List<String> PROVIDER_DOMAINS = List.of("gmail.test", "outlook.test", "yahoo.test", "example.test");
    private static final Map<String, String> PROVIDER_OF_DOMAIN = Map.of("gmail.test", "gmail", "outlook.test", "outlook",
            "yahoo.test", "yahoo", "example.test", "example");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    protected LocalCloud cloud;
    private PythonDkim dkimpy;

    /** Starts the cloud this scenario runs on. */
    protected abstract LocalCloud startCloud() throws Exception;

    @BeforeAll
    void start() throws Exception {
        cloud = startCloud();
        dkimpy = new PythonDkim(cloud.internet().dnsAddress());
    }

    @AfterAll
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    private record Posted(String tenant, String email, String firstName, String language) {
    }

    @Test
    void contactsOfBothTenantsArriveAtTheRightProviderFromTheirOwnPoolDkimSignedAndAreMarkedSent() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Posted> posted = new ArrayList<>();
        String[][] people = {{"Zoé", "fr"}, {"Emma", "en"}, {"ليلى", "ar"}, {"李娜", "zh"}};
        for (Tenant tenant : cloud.config().tenants().all()) {
            for (int i = 0; i < PROVIDER_DOMAINS.size(); i++) {
                posted.add(new Posted(tenant.id(), tenant.id() + "." + i + "." + run + "@" + PROVIDER_DOMAINS.get(i),
                        people[i][0], people[i][1]));
            }
        }
        for (Posted contact : posted) {
            HttpResponse<String> response = post(body(contact.email(), contact.firstName(), contact.language(), contact.tenant()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode accepted = json.readTree(response.body());
            assertThat(accepted.path("status").asText()).isEqualTo("accepted");
            assertThat(accepted.path("contact_id").asText()).isEqualTo(EmailHash.of(EmailAddress.parse(contact.email())).hex());
        }

        for (Posted contact : posted) {
            Contact stored = awaitStatus(contact.tenant(), contact.email(), ContactStatus.SENT);
            assertThat(stored.language()).isEqualTo(contact.language());
            Tenant tenant = cloud.config().tenants().get(contact.tenant());

            List<ReceivedMail> copies = received(contact.email());
            assertThat(copies).as("messages for %s", contact.email()).hasSize(1);
            ReceivedMail mail = copies.getFirst();
            String domain = contact.email().substring(contact.email().indexOf('@') + 1);
            assertThat(mail.sinkName()).isEqualTo(PROVIDER_OF_DOMAIN.get(domain));
            String sourceIp = mail.clientAddress().getHostAddress();
            assertThat(tenant.pool().contains(sourceIp)).as("%s sent from %s, outside its pool", tenant.id(), sourceIp).isTrue();
            SendingAddress source = tenant.pool().addresses().stream().filter(a -> a.ip().equals(sourceIp)).findFirst().orElseThrow();
            assertThat(mail.heloName()).isEqualTo(source.ehloName());
            assertThat(mail.mailFrom()).matches("b\\+[0-9a-f]{32}@" + tenant.returnPathDomain().replace(".", "\\."));

            List<PythonDkim.Result> signatures = dkimpy.verify(mail.content());
            assertThat(signatures).extracting(PythonDkim.Result::algorithm).containsExactlyInAnyOrder("rsa-sha256", "ed25519-sha256");
            assertThat(signatures).allSatisfy(signature -> {
                assertThat(signature.pass()).as("%s signature of %s", signature.algorithm(), contact.email()).isTrue();
                assertThat(signature.domain()).isEqualTo(tenant.sendingDomain());
            });

            Map<String, AttributeValue> item = cloud.dependencies().dynamoDb().getItem(r -> r
                    .tableName(cloud.names().table(SystemTopology.CONTACTS_TABLE)).consistentRead(true)
                    .key(Map.of("tenant", AttributeValue.fromS(tenant.id()),
                            "contact_id", AttributeValue.fromS(stored.id().hex())))).item();
            assertThat(item.get("status").s()).isEqualTo("sent");
            assertThat(item.get("history").l()).extracting(entry -> entry.m().get("status").s())
                    .containsExactly("valid", "enrolled", "sent");
        }
    }

    @Test
    void anIndependentVerifierRejectsATamperedMessage() throws Exception {
        String email = "tamper." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        assertThat(post(body(email, "Tom", "en", cloud.config().tenants().ids().getFirst())).statusCode()).isEqualTo(202);
        awaitStatus(cloud.config().tenants().ids().getFirst(), email, ContactStatus.SENT);
        byte[] message = received(email).getFirst().content();
        String text = new String(message, StandardCharsets.ISO_8859_1);
        // In the body, which both signatures cover (through bh=): a first "Tom" anywhere could fall inside one
        // signature's b= value, and only that signature would then fail.
        int body = text.indexOf("\r\n\r\n");
        assertThat(text.substring(body)).contains("Tom");
        byte[] tampered = (text.substring(0, body) + text.substring(body).replaceFirst("Tom", "Tim"))
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(dkimpy.verify(message)).allMatch(PythonDkim.Result::pass);
        assertThat(dkimpy.verify(tampered)).noneMatch(PythonDkim.Result::pass);
    }

    @Test
    void theSameAddressPostedTwiceIsOneContactAndGetsOneMessage() throws Exception {
        String tenant = cloud.config().tenants().ids().getLast();
        String local = "twice." + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> first = post(body(local + "@gmail.test", "Ana", "es", tenant));
        HttpResponse<String> second = post(body(local.toUpperCase() + "@GMAIL.test", "Ana", "es", tenant));
        assertThat(json.readTree(first.body()).path("contact_id")).isEqualTo(json.readTree(second.body()).path("contact_id"));

        awaitStatus(tenant, local + "@gmail.test", ContactStatus.SENT);
        awaitQueuesDrained();
        cloud.scheduler().fire(cloud.topology().schedules().getFirst().name());
        awaitQueuesDrained();

        assertThat(received(local + "@gmail.test")).hasSize(1);
    }

    static Stream<Arguments> badRequests() {
        String tenant = "sos-expat";
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"email\": \"a@gmail.test\",", 400, "malformed_json"),
                Arguments.of("a JSON array", "application/json", "[]", 400, "malformed_json"),
                Arguments.of("missing email", "application/json", "{\"source\":\"s\",\"tenant\":\"" + tenant + "\"}", 422, "missing_field"),
                Arguments.of("invalid email", "application/json",
                        "{\"email\":\"john..doe@gmail.test\",\"source\":\"s\",\"tenant\":\"" + tenant + "\"}", 422, "invalid_email"),
                Arguments.of("oversized body", "application/json", "{\"email\":\"big@gmail.test\",\"source\":\"s\",\"tenant\":\""
                        + tenant + "\",\"note\":\"" + "x".repeat(20_000) + "\"}", 413, "body_too_large"),
                Arguments.of("unknown tenant", "application/json",
                        "{\"email\":\"a@gmail.test\",\"source\":\"s\",\"tenant\":\"acme\"}", 422, "unknown_tenant"),
                Arguments.of("not JSON at all", "text/plain", "email=a@gmail.test", 415, "unsupported_media_type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsA4xxWithAMachineReadableReasonAndNothingIsQueued(String what, String contentType, String body,
                                                                       int status, String code) throws Exception {
        cloud.disableEventSource(SystemTopology.CONTACTS_QUEUE);
        try {
            awaitContactsQueueCount(0);
            HttpResponse<String> response = post(contentType, body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode error = json.readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo(code);
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(contactsQueueCount()).as("messages queued for %s", what).isZero();
        } finally {
            cloud.enableEventSource(SystemTopology.CONTACTS_QUEUE);
        }
    }

    @Test
    void aGoodRequestIsQueuedWhereABadOneIsNot() throws Exception {
        cloud.disableEventSource(SystemTopology.CONTACTS_QUEUE);
        String email = "queued." + UUID.randomUUID().toString().substring(0, 8) + "@yahoo.test";
        try {
            awaitContactsQueueCount(0);
            assertThat(post(body(email, "Lena", "de", "ulixai")).statusCode()).isEqualTo(202);
            assertThat(contactsQueueCount()).isEqualTo(1);
        } finally {
            cloud.enableEventSource(SystemTopology.CONTACTS_QUEUE);
        }
        awaitStatus("ulixai", email, ContactStatus.SENT);
    }

    @Test
    void theAwsCliListsTheLocalQueuesAndTables() throws Exception {
        String queues = awsCli(cloud.cloudEndpoints().sqs(), "sqs", "list-queues");
        for (QueueDefinition queue : cloud.topology().queues()) {
            assertThat(queues).contains(cloud.names().queue(queue.name()) + "\"", cloud.names().queue(queue.deadLetterName()));
        }
        String tables = awsCli(cloud.cloudEndpoints().dynamoDb(), "dynamodb", "list-tables");
        for (TableDefinition table : cloud.topology().tables()) {
            assertThat(tables).contains("\"" + cloud.names().table(table.name()) + "\"");
        }
        assertThat(awsCli(cloud.cloudEndpoints().s3(), "s3", "ls")).contains(cloud.names().bucket(SystemTopology.CONFIG_BUCKET));
    }

    private String awsCli(URI endpoint, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", endpoint.toString()));
        args.addAll(List.of(command));
        if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/aws"))) {
            throw new IllegalStateException("/usr/bin/aws is missing: install the Debian package awscli (bin/test does it)");
        }
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", cloud.cloudEndpoints().accessKeyId());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", cloud.cloudEndpoints().secretAccessKey());
        builder.environment().put("AWS_DEFAULT_REGION", cloud.cloudEndpoints().region());
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static String body(String email, String firstName, String language, String tenant) {
        return "{\"email\":\"" + email + "\",\"first_name\":\"" + firstName + "\",\"language\":\"" + language
                + "\",\"source\":\"e2e-test\",\"tenant\":\"" + tenant + "\"}";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post("application/json", body);
    }

    /** Posts as the source {@code manual} of config/local/sources.yaml, with its key. */
    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(cloud.apiEndpoint().resolve(RouteTable.INGEST_PATH))
                .header("content-type", contentType).header("x-ee-source", "manual")
                .header("authorization", "Bearer " + cloud.sourceKey("manual")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Contact awaitStatus(String tenant, String email, ContactStatus status) throws InterruptedException {
        EmailHash id = EmailHash.of(EmailAddress.parse(email));
        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        Contact last = null;
        while (System.nanoTime() < deadline) {
            last = cloud.dependencies().contacts().find(tenant, id).orElse(null);
            if (last != null && last.status() == status) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(email + " of " + tenant + " did not become " + status + " in " + DELIVERY_DEADLINE
                + "; last seen: " + last);
    }

    private List<ReceivedMail> received(String email) {
        return cloud.internet().sinks().stream().map(SmtpSink::received).flatMap(List::stream)
                .filter(mail -> mail.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(email))).toList();
    }

    private int contactsQueueCount() {
        Map<QueueAttributeName, String> attributes = cloud.dependencies().sqs().getQueueAttributes(r -> r
                .queueUrl(cloud.provisioned().queueUrls().get(SystemTopology.CONTACTS_QUEUE))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private void awaitContactsQueueCount(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        while (contactsQueueCount() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("contacts queue did not reach " + expected + " messages");
            }
            Thread.sleep(100);
        }
    }

    /** Waits until no queue of the pipeline holds a message (visible or in flight). */
    private void awaitQueuesDrained() throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        for (QueueDefinition queue : cloud.topology().queues()) {
            String url = cloud.provisioned().queueUrls().get(queue.name());
            while (true) {
                Map<QueueAttributeName, String> attributes = cloud.dependencies().sqs().getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                if (attributes.values().stream().allMatch("0"::equals)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("queue " + queue.name() + " did not drain: " + attributes);
                }
                Thread.sleep(100);
            }
        }
    }
}
