package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.json.Json;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.suppression.SuppressionList;
import com.emailengine.emulators.internet.ReceivedMail;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Templates API v2 on the whole local cloud: the handler behind the local API gateway, DynamoDB and S3 emulators,
 * the outbound queue, a fleet node and the SMTP sinks (on 127.0.8.x). Tenant ulixai's welcome campaign is given a
 * version through the campaigns API that pins version 1 of its stored template {@code pinned-welcome}, so an ingested
 * contact receives that version.
 */
class TemplatesApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        Path config = Files.createTempDirectory("ee-templates-config");
        Files.copy(Path.of("../config/local/tenants.yaml"), config.resolve("tenants.yaml"));
        Files.copy(Path.of("../config/local/sources.yaml"), config.resolve("sources.yaml"));
        Files.writeString(config.resolve("campaigns.yaml"), """
                campaigns:
                  - id: welcome
                    tenant: sos-expat
                    steps:
                      - template: welcome
                        delay: 0s
                  - id: welcome
                    tenant: ulixai
                    steps:
                      - template: welcome
                        delay: 0s
                """);
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(config, Files.createTempDirectory("ee-templates-dkim"), "127.0.8"));
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        if (path.equals("/api/v2/contacts/ingest")) {
            // Contacts come from a source, which authenticates.
            request.header("x-ee-source", "manual").header("authorization", "Bearer " + cloud.sourceKey("manual"));
        } else {
            // Operators too (D42): the local admin reaches every tenant's routes.
            request.header("authorization", "Bearer " + cloud.operatorKey(LocalCloud.ADMIN_OPERATOR));
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        OpenApiAnswers.check(method, path, response.statusCode(), response.body());
        return response;
    }

    private static HttpResponse<String> json(String method, String path, Object body) throws Exception {
        return call(method, path, "application/json", body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode tree(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    private static Map<String, Object> variant(String language, String subject, String html) {
        return Map.of("language", language, "subject", subject, "html", html);
    }

    @Test
    void aTemplateIsCreatedReadVersionedListedAndSoftDeletedWithVersionsStayingReadable() throws Exception {
        String base = "/api/v2/tenants/sos-expat/templates";
        HttpResponse<String> created = json("POST", base, Map.of("key", "life", "name", "Life cycle",
                "variants", List.of(variant("fr", "Bonjour ${contact.firstName}", "<p>Version un</p>"))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(tree(created).at("/version/version").asInt()).isEqualTo(1);

        HttpResponse<String> second = json("POST", base + "/life/versions", Map.of("variants",
                List.of(variant("fr", "Bonjour", "<p>Version deux</p>"), variant("en", "Hello", "<p>Version two</p>"))));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(tree(second).at("/template/latest_version").asInt()).isEqualTo(2);

        assertThat(tree(json("GET", base + "/life", null)).at("/version/variants/0/html").asText()).isEqualTo("<p>Version deux</p>");
        assertThat(tree(json("GET", base + "/life?version=1", null)).at("/version/variants/0/html").asText()).isEqualTo("<p>Version un</p>");
        assertThat(tree(json("GET", base, null)).get("templates").findValuesAsText("key")).contains("life");
        assertThat(json("POST", base, Map.of("key", "life", "variants", List.of(variant("fr", "S", "<p>x</p>")))).statusCode())
                .isEqualTo(409);

        assertThat(json("DELETE", base + "/life", null).statusCode()).isEqualTo(200);
        assertThat(tree(json("GET", base, null)).get("templates").findValuesAsText("key")).doesNotContain("life");
        assertThat(tree(json("GET", base + "?include_deleted=true", null)).get("templates").findValuesAsText("key")).contains("life");
        assertThat(tree(json("GET", base + "/life/versions/1", null)).at("/version/variants/0/html").asText()).isEqualTo("<p>Version un</p>");
        assertThat(json("POST", base + "/life/versions", Map.of("variants", List.of(variant("fr", "S", "<p>3</p>")))).statusCode())
                .isEqualTo(404);
    }

    @Test
    void syntaxErrorsAndRefusedDirectivesAnswer422WithPartLineAndColumnAndStoreNothing() throws Exception {
        HttpResponse<String> broken = json("POST", "/api/v2/tenants/sos-expat/templates", Map.of("key", "broken",
                "variants", List.of(variant("fr", "Sujet", "<p>un</p>\n<p>#if($contact.firstName</p>"),
                        variant("en", "Subject", "<p>ok</p>\n\n   #include(\"/etc/passwd\")"))));

        assertThat(broken.statusCode()).isEqualTo(422);
        JsonNode error = tree(broken).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_template");
        assertThat(error.get("problems")).anySatisfy(p -> {
            assertThat(p.get("part").asText()).isEqualTo("fr/html");
            assertThat(p.get("line").asInt()).isEqualTo(2);
        }).anySatisfy(p -> {
            assertThat(p.get("part").asText()).isEqualTo("en/html");
            assertThat(p.get("line").asInt()).isEqualTo(3);
            assertThat(p.get("column").asInt()).isEqualTo(4);
            assertThat(p.get("message").asText()).contains("#include");
        });
        assertThat(json("GET", "/api/v2/tenants/sos-expat/templates/broken", null).statusCode()).isEqualTo(404);
    }

    @Test
    void templatesNestingTooDeeplyToParseAnswer422WithTheirPlaceNeverA5xx() throws Exception {
        String base = "/api/v2/tenants/sos-expat/templates";
        String deepIfs = "<p>start</p>\n" + "#if(1)".repeat(50_000) + "x" + "#end".repeat(50_000);
        String parentheses = "#if(" + "(".repeat(3_000) + "true" + ")".repeat(3_000) + ")x#end";

        HttpResponse<String> deep = json("POST", base, Map.of("key", "deep", "variants", List.of(variant("en", "S", deepIfs),
                variant("fr", "S", parentheses))));
        HttpResponse<String> deepest = json("POST", base, Map.of("key", "deepest", "variants",
                List.of(variant("en", "S", "#if(1)".repeat(100_000) + "#end".repeat(100_000)))));
        HttpResponse<String> quoted = json("POST", base, Map.of("key", "quoted", "variants",
                List.of(variant("en", "S", "<p>ok</p>\n#set($x = \"#macro(m)x#end\")$x"))));

        assertThat(deep.statusCode()).as(deep.body()).isEqualTo(422);
        assertThat(tree(deep).at("/error/problems")).anySatisfy(p -> {
            assertThat(p.get("part").asText()).isEqualTo("en/html");
            assertThat(p.get("line").asInt()).isEqualTo(2);
            assertThat(p.get("column").asInt()).isEqualTo(49 * "#if(1)".length() + "#if(".length());
            assertThat(p.get("message").asText()).contains("nests more than 50 levels");
        }).anySatisfy(p -> {
            assertThat(p.get("part").asText()).isEqualTo("fr/html");
            assertThat(p.get("line").asInt()).isEqualTo(1);
            assertThat(p.get("message").asText()).contains("nests more than 50 levels");
        });
        assertThat(deepest.statusCode()).as(deepest.body()).isBetween(400, 499);
        assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(422);
        assertThat(tree(quoted).at("/error/problems/0/line").asInt()).isEqualTo(2);
        assertThat(tree(quoted).at("/error/problems/0/column").asInt()).isEqualTo("#set($x = \"".length() + 1);
        for (String key : List.of("deep", "deepest", "quoted")) {
            assertThat(json("GET", base + "/" + key, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aSubjectOrPreheaderWithALineBreakIsRefusedWhenSavedAndContactDataCannotAddOne() throws Exception {
        String base = "/api/v2/tenants/sos-expat/templates";
        HttpResponse<String> refused = json("POST", base, Map.of("key", "crlf", "variants", List.of(
                Map.of("language", "en", "subject", "Hello\r\nBcc: victim@example.test", "preheader", "One\u0000line",
                        "html", "<p>x</p>"))));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(tree(refused).at("/error/problems")).anySatisfy(p -> {
            assertThat(p.get("part").asText()).isEqualTo("en/subject");
            assertThat(p.get("column").asInt()).isEqualTo(6);
        }).anySatisfy(p -> assertThat(p.get("part").asText()).isEqualTo("en/preheader"));
        assertThat(json("GET", base + "/crlf", null).statusCode()).isEqualTo(404);

        json("POST", base, Map.of("key", "named", "variants", List.of(variant("en", "Hello ${contact.firstName}", "<p>x</p>"))));
        JsonNode preview = tree(json("POST", base + "/named/preview",
                Map.of("contact", Map.of("first_name", "Zoé\r\nBcc: victim@example.test"))));
        assertThat(preview.get("subject").asText()).isEqualTo("Hello Zoé Bcc: victim@example.test");
    }

    @Test
    void contactDataInALinkCannotChooseAnActiveScheme() throws Exception {
        String base = "/api/v2/tenants/sos-expat/templates";
        json("POST", base, Map.of("key", "linked", "variants", List.of(variant("en", "S",
                "<a href=\"${contact.firstName}\">site</a> <a href=\"https://sos-expat.test/?n=${contact.firstName}\">x</a>"))));

        JsonNode preview = tree(json("POST", base + "/linked/preview", Map.of("contact", Map.of("first_name", "javascript:alert(1)"))));

        assertThat(preview.get("html").asText()).isEqualTo("<a href=\"about:invalid\">site</a> "
                + "<a href=\"https://sos-expat.test/?n=javascript:alert(1)\">x</a>");
    }

    @Test
    void previewsThatWouldRunLongOrAllocateWithoutBoundAreStoppedWithinTheirBudget() throws Exception {
        String base = "/api/v2/tenants/sos-expat/templates";
        json("POST", base, Map.of("key", "backtracks", "variants", List.of(variant("en", "S",
                "<p>#if($contact.firstName.matches('(.*a){20}c'))yes#{else}no#end</p>"))));
        json("POST", base, Map.of("key", "repeats", "variants", List.of(variant("en", "S",
                "#set($x = $contact.firstName)#foreach($i in [1..40])#set($x = $x.repeat(2))#end<p>$x.length()</p>"))));
        Map<String, Object> run = Map.of("contact", Map.of("first_name", "a".repeat(60)));

        long start = System.nanoTime();
        HttpResponse<String> backtracks = json("POST", base + "/backtracks/preview", run);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<HttpResponse<String>> repeats = java.util.stream.IntStream.range(0, 3).parallel().mapToObj(i -> {
            try {
                return json("POST", base + "/repeats/preview", run);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();

        assertThat(backtracks.statusCode()).as(backtracks.body()).isEqualTo(422);
        assertThat(tree(backtracks).at("/error/code").asText()).isEqualTo("render_failed");
        assertThat(tree(backtracks).at("/error/message").asText()).contains("rendering took longer than 2000 ms");
        // The render's own two seconds, and the request around them.
        assertThat(took).isLessThan(Duration.ofSeconds(4));
        assertThat(repeats).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertThat(tree(response).at("/error/message").asText()).contains("characters of data");
        });
    }

    @Test
    void badRequestsGetAReasonNotAStackTrace() throws Exception {
        assertThat(tree(json("GET", "/api/v2/tenants/nobody/templates", null)).at("/error/code").asText()).isEqualTo("unknown_tenant");
        HttpResponse<String> malformed = call("POST", "/api/v2/tenants/sos-expat/templates", "application/json", "{nope".getBytes());
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> noKey = json("POST", "/api/v2/tenants/sos-expat/templates", Map.of("variants", List.of()));
        assertThat(noKey.statusCode()).isEqualTo(422);
        assertThat(tree(noKey).at("/error/field").asText()).isEqualTo("key");
        assertThat(tree(json("POST", "/api/v2/tenants/sos-expat/templates/nope/test-send", Map.of("to", "not an address")))
                .at("/error/field").asText()).isEqualTo("to");
    }

    @Test
    void aPreviewRendersWithSampleOrGivenContactAndSaysWhichLanguageItChoseAndWhy() throws Exception {
        json("POST", "/api/v2/tenants/sos-expat/templates", Map.of("key", "preview", "default_language", "en", "variants", List.of(
                variant("en", "Hi ${contact.firstName}", "<p>Hello ${contact.firstName}, from ${tenant.name}</p>"),
                variant("pt", "Olá ${contact.firstName}", "<p>Olá ${contact.firstName}</p>"))));

        JsonNode sample = tree(json("POST", "/api/v2/tenants/sos-expat/templates/preview/preview", Map.of("language", "en")));
        assertThat(sample.get("subject").asText()).isEqualTo("Hi Marie");
        assertThat(sample.get("text").asText()).isEqualTo("Hello Marie, from SOS-Expat\n");

        JsonNode given = tree(json("POST", "/api/v2/tenants/sos-expat/templates/preview/preview",
                Map.of("contact", Map.of("email", "joao@example.test", "first_name", "João <b>", "language", "pt-BR"))));
        assertThat(given.get("language").asText()).isEqualTo("pt");
        assertThat(given.get("language_reason").asText()).isEqualTo("base_language");
        assertThat(given.get("html").asText()).isEqualTo("<p>Olá João &lt;b&gt;</p>");

        JsonNode fallback = tree(json("POST", "/api/v2/tenants/sos-expat/templates/preview/preview",
                Map.of("contact", Map.of("first_name", "Zoé", "language", "zh"))));
        assertThat(fallback.get("language").asText()).isEqualTo("en");
        assertThat(fallback.get("language_reason").asText()).isEqualTo("template_default");
        JsonNode shipped = tree(json("POST", "/api/v2/tenants/sos-expat/templates/welcome/preview",
                Map.of("shipped", true, "language", "ar")));
        assertThat(shipped.get("html").asText()).contains("dir=\"rtl\"");
    }

    @Test
    void aTestSendTravelsTheRealOutboundPathAndArrivesAsValidMimeWithItsRightToLeftSubjectEncoded() throws Exception {
        json("POST", "/api/v2/tenants/sos-expat/templates", Map.of("key", "test-send", "variants", List.of(
                variant("ar", "مرحبًا ${contact.firstName}", "<html><body><p>أهلًا بك ${contact.firstName}</p></body></html>"))));

        HttpResponse<String> sent = json("POST", "/api/v2/tenants/sos-expat/templates/test-send/test-send",
                Map.of("to", "layla@gmail.test", "contact", Map.of("first_name", "ليلى")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String messageId = tree(sent).get("message_id").asText();

        ReceivedMail mail = awaitMail("layla@gmail.test");
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.content()));
        assertThat(parsed.getSubject()).isEqualTo("مرحبًا ليلى");
        assertThat(mail.contentAsString()).contains("Subject: =?UTF-8?").contains("Message-ID: <" + messageId + "@sos-expat.test>")
                .contains("DKIM-Signature:");
        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo("أهلًا بك ليلى");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("dir=\"rtl\"").contains("أهلًا بك ليلى");
        assertThat(parsed.getHeader("Content-Language")[0]).isEqualTo("ar");
    }

    @Test
    void aCampaignSendsTheVersionItPinsNotTheNewestOne() throws Exception {
        String base = "/api/v2/tenants/ulixai/templates";
        assertThat(json("POST", base, Map.of("key", "pinned-welcome", "variants",
                List.of(variant("en", "Pinned one for ${contact.firstName}", "<p>one</p>")))).statusCode()).isEqualTo(201);
        assertThat(json("POST", base + "/pinned-welcome/versions", Map.of("variants",
                List.of(variant("en", "Newer two", "<p>two</p>")))).statusCode()).isEqualTo(201);
        // The seeded welcome campaign gets a version pinning the stored template (D46), then runs it.
        String campaign = "/api/v2/tenants/ulixai/campaigns/welcome";
        HttpResponse<String> edited = json("PUT", campaign, Map.of("kind", "sequence",
                "steps", List.of(Map.of("template", "pinned-welcome", "version", 1, "delay", "0s"))));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(201);
        HttpResponse<String> activated = json("POST", campaign + "/activate", Map.of("version", 2));
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);

        HttpResponse<String> ingested = json("POST", "/api/v2/contacts/ingest", Map.of("email", "pin@outlook.test",
                "first_name", "Pia", "language", "en", "source", "manual", "tenant", "ulixai"));
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(202);

        ReceivedMail mail = awaitMail("pin@outlook.test");
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.content()));
        assertThat(parsed.getSubject()).isEqualTo("Pinned one for Pia");
    }

    @Test
    void aMailWizzExportZipIsImportedWithItsUnknownAndRefusedTagsListed() throws Exception {
        byte[] zip = zip(Map.of(
                "newsletter/index.html", "<html><head><title>Notre lettre</title></head><body><p>Bonjour [FNAME],</p>"
                        + "<p>[RANDOM_CONTENT:À bientôt|Bonne journée] — [COMPANY_SIZE] salariés</p><img src=\"images/logo.png\">"
                        + "<p><a href=\"[UNSUBSCRIBE_URL]\">Se désinscrire</a></p></body></html>",
                "newsletter/images/logo.png", "PNG",
                "remote/index.html", "<html><body>[REMOTE_CONTENT url='https://example.test/feed']</body></html>",
                "autoresponders.json", Json.write(Map.of("data", Map.of("records", List.of(Map.of(
                        "campaign_uid", "ar001", "name", "Relance J+2", "type", "autoresponder", "status", "sending",
                        "subject", "[FNAME], une question ?", "template", Map.of("name", "newsletter"),
                        "options", Map.of("autoresponder_event", "AFTER-SUBSCRIBE", "autoresponder_time_value", "2",
                                "autoresponder_time_unit", "day"))))))));

        HttpResponse<String> imported = call("POST", "/api/v2/tenants/sos-expat/imports/mailwizz?file_name=export.zip&language=fr",
                "application/zip", zip);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode report = tree(imported);
        JsonNode newsletter = find(report.get("templates"), "newsletter");
        assertThat(newsletter.get("status").asText()).isEqualTo("imported");
        assertThat(newsletter.get("converted_tags").findValuesAsText("")).isEmpty();
        assertThat(newsletter.get("converted_tags").toString()).contains("[FNAME]").contains("[UNSUBSCRIBE_URL]");
        assertThat(newsletter.get("attention").toString()).contains("[COMPANY_SIZE]").contains("images/logo.png");
        JsonNode remote = find(report.get("templates"), "remote");
        assertThat(remote.get("status").asText()).isEqualTo("not-imported");
        assertThat(remote.get("attention").toString()).contains("[REMOTE_CONTENT url='https://example.test/feed']");
        JsonNode ar = report.get("autoresponders").get(0);
        assertThat(ar.get("template_key").asText()).isEqualTo("ar-relance-j-2");
        assertThat(ar.get("campaign_step").asText()).contains("delay: 2d");

        JsonNode stored = tree(json("GET", "/api/v2/tenants/sos-expat/templates/newsletter", null));
        assertThat(stored.at("/version/variants/0/html").asText()).contains("${contact.firstName}").contains("$spin.index(")
                .doesNotContain("[FNAME]");
        assertThat(stored.at("/version/variants/0/subject").asText()).isEqualTo("Notre lettre");
        HttpResponse<String> again = call("POST", "/api/v2/tenants/sos-expat/imports/mailwizz?file_name=export.zip&language=fr",
                "application/zip", zip);
        assertThat(find(tree(again).get("templates"), "newsletter").get("status").asText()).isEqualTo("unchanged");
    }

    @Test
    void aTestSendGoesOnlyToAListedTestRecipientThatIsNotSuppressed() throws Exception {
        String base = "/api/v2/tenants/sos-expat/templates";
        json("POST", base, Map.of("key", "gate", "variants", List.of(variant("en", "Gate", "<p>Hello</p>"))));
        String suppressed = "gone." + UUID.randomUUID().toString().substring(0, 8) + "@gmail.test";
        cloud.dependencies().suppressions().add(new Suppression(SuppressionList.GLOBAL, EmailHash.of(EmailAddress.parse(suppressed)),
                "hard_bounce", "test", Instant.now()));

        HttpResponse<String> stranger = json("POST", base + "/gate/test-send", Map.of("to", "victim@hotmail.example"));
        HttpResponse<String> bounced = json("POST", base + "/gate/test-send", Map.of("to", suppressed));

        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(tree(stranger).at("/error/code").asText()).isEqualTo("test_recipient_not_allowed");
        assertThat(bounced.statusCode()).isEqualTo(422);
        assertThat(tree(bounced).at("/error/code").asText()).isEqualTo("suppressed");
        Thread.sleep(1_000);
        assertThat(cloud.internet().sinks().stream().flatMap(sink -> sink.received().stream())
                .flatMap(mail -> mail.recipients().stream())).doesNotContain("victim@hotmail.example", suppressed);
    }

    private static JsonNode find(JsonNode templates, String name) {
        for (JsonNode template : templates) {
            if (template.get("name").asText().equals(name)) {
                return template;
            }
        }
        throw new AssertionError("no template " + name + " in " + templates);
    }

    private static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static ReceivedMail awaitMail(String recipient) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Optional<ReceivedMail> mail = cloud.internet().sinks().stream().flatMap(s -> s.received().stream())
                    .filter(m -> m.recipients().contains(recipient)).findFirst();
            if (mail.isPresent()) {
                return mail.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail for " + recipient + " within 60 s");
    }
}
