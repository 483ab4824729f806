package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.json.Json;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaigns API v2 on the whole local cloud (127.0.17.x): the shipped welcome campaigns seeded at the first start,
 * a campaign's life through the API (draft, versions, validation, activation, pause, resume, archive), and refusals
 * that name every problem and write nothing. Every answer is checked against the OpenAPI document.
 */
class CampaignsApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(Path.of("../config/local"),
                Files.createTempDirectory("ee-campaigns-dkim"), "127.0.17"));
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void theShippedWelcomeCampaignsAreSeededActiveAtTheFirstStart() throws Exception {
        for (String tenant : List.of("sos-expat", "ulixai")) {
            JsonNode list = tree(call("GET", "/api/v2/tenants/" + tenant + "/campaigns", null), 200);
            JsonNode welcome = null;
            for (JsonNode campaign : list.get("campaigns")) {
                welcome = campaign.get("id").asText().equals("welcome") ? campaign : welcome;
            }

            assertThat(welcome).as(list.toString()).isNotNull();
            assertThat(welcome.at("/status").asText()).isEqualTo("active");
            assertThat(welcome.at("/origin").asText()).isEqualTo("seed");
            assertThat(welcome.at("/active_version").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aCampaignGoesFromDraftThroughVersionsToActivePausedAndArchived() throws Exception {
        String base = "/api/v2/tenants/sos-expat/campaigns";
        JsonNode created = tree(call("POST", base, """
                {"id": "relance", "name": "Relance", "kind": "sequence",
                 "steps": [{"template": "welcome", "delay": "0s"}, {"template": "welcome", "delay": "3d"}]}"""), 201);
        assertThat(created.at("/campaign/status").asText()).isEqualTo("draft");
        assertThat(created.at("/version/definition/steps/1/delay").asText()).isEqualTo("3d");

        JsonNode valid = tree(call("POST", base + "/relance/validate", null), 200);
        assertThat(valid.at("/valid").asBoolean()).isTrue();
        assertThat(valid.at("/version").asInt()).isEqualTo(1);

        JsonNode active = tree(call("POST", base + "/relance/activate", null), 200);
        assertThat(active.at("/campaign/status").asText()).isEqualTo("active");
        assertThat(active.at("/campaign/status_reason").asText()).isEqualTo("version 1 activated by " + LocalCloud.ADMIN_OPERATOR);

        JsonNode edited = tree(call("PUT", base + "/relance", """
                {"kind": "sequence", "name": "Relance v2", "steps": [{"template": "welcome", "delay": "1d"}]}"""), 201);
        assertThat(edited.at("/version/version").asInt()).isEqualTo(2);
        assertThat(edited.at("/campaign/active_version").asInt()).isEqualTo(1);
        assertThat(edited.at("/campaign/has_draft").asBoolean()).isTrue();
        JsonNode running = tree(call("GET", base + "/relance", null), 200);
        assertThat(running.at("/version/version").asInt()).as("without ?version: the running one").isEqualTo(1);
        assertThat(tree(call("PUT", base + "/relance", """
                {"kind": "sequence", "name": "Relance v2", "steps": [{"template": "welcome", "delay": "1d"}]}"""), 200)
                .at("/version/version").asInt()).as("sent again: unchanged").isEqualTo(2);

        assertThat(tree(call("POST", base + "/relance/activate", "{\"version\": 2}"), 200).at("/campaign/active_version").asInt())
                .isEqualTo(2);
        assertThat(tree(call("POST", base + "/relance/pause", null), 200).at("/status").asText()).isEqualTo("paused");
        assertThat(error(call("POST", base + "/relance/pause", null), 409).at("/error/code").asText()).isEqualTo("campaign_state");
        assertThat(tree(call("POST", base + "/relance/resume", null), 200).at("/status").asText()).isEqualTo("active");
        assertThat(tree(call("POST", base + "/relance/archive", null), 200).at("/status").asText()).isEqualTo("archived");

        List<String> listed = ids(tree(call("GET", base, null), 200));
        List<String> withArchived = ids(tree(call("GET", base + "?include_archived=true", null), 200));
        assertThat(listed).doesNotContain("relance");
        assertThat(withArchived).contains("relance");
        assertThat(error(call("POST", base + "/relance/activate", null), 409).at("/error/message").asText()).contains("archived");
    }

    @Test
    void anInvalidCampaignIsRefusedWithEveryProblemNamedAndNothingWritten() throws Exception {
        String base = "/api/v2/tenants/sos-expat/campaigns";
        JsonNode refused = error(call("POST", base, """
                {"id": "broken", "kind": "sequence", "colour": "red",
                 "steps": [{"template": "welcome", "delay": "tomorrow"},
                           {"template": "welcome", "variants": [{"id": "a", "percent": 80, "subject": "A"},
                                                                {"id": "b", "percent": 10, "subject": "B"}]}]}"""), 422);

        assertThat(refused.at("/error/code").asText()).isEqualTo("invalid_campaign");
        List<String> pointers = new ArrayList<>();
        refused.at("/error/problems").forEach(p -> pointers.add(p.get("part").asText()));
        assertThat(pointers).containsExactlyInAnyOrder("/colour", "/steps/0/delay", "/steps/1/variants");
        assertThat(error(call("GET", base + "/broken", null), 404).at("/error/code").asText()).isEqualTo("campaign_not_found");
        assertThat(error(call("POST", base, "[1, 2]"), 400).at("/error/code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void activatingACampaignWhoseTemplateLacksANeededLanguageListsEveryMissingLanguage() throws Exception {
        assertThat(call("POST", "/api/v2/tenants/ulixai/templates", """
                {"key": "english-only", "variants": [{"language": "en", "subject": "Hi", "html": "<p>Hi</p>"}]}""")
                .statusCode()).isEqualTo(201);
        String base = "/api/v2/tenants/ulixai/campaigns";
        tree(call("POST", base, """
                {"id": "worldwide", "kind": "sequence", "languages": ["en", "de", "ar"],
                 "steps": [{"template": "english-only", "version": 1, "delay": "0s"}]}"""), 201);

        JsonNode refused = error(call("POST", base + "/worldwide/activate", null), 422);

        assertThat(refused.at("/error/code").asText()).isEqualTo("missing_languages");
        assertThat(refused.at("/error/problems/0/part").asText()).isEqualTo("/steps/0/template");
        assertThat(refused.at("/error/problems/0/message").asText()).contains("lacks de, ar");
        assertThat(tree(call("GET", base + "/worldwide", null), 200).at("/campaign/status").asText()).isEqualTo("draft");
        JsonNode validation = tree(call("POST", base + "/worldwide/validate", null), 200);
        assertThat(validation.at("/valid").asBoolean()).isFalse();
        assertThat(validation.at("/failures/0/code").asText()).isEqualTo("missing_languages");
    }

    @Test
    void whatTheSchedulerDoesNotRunYetIsRefusedAtActivationWithItsPlace() throws Exception {
        String base = "/api/v2/tenants/ulixai/campaigns";
        tree(call("POST", base, """
                {"id": "ab-test", "kind": "sequence",
                 "steps": [{"template": "welcome", "variants": [{"id": "a", "percent": 50, "subject": "A"},
                                                                {"id": "b", "percent": 50, "subject": "B"}]}]}"""), 201);

        JsonNode refused = error(call("POST", base + "/ab-test/activate", null), 422);

        assertThat(refused.at("/error/code").asText()).isEqualTo("not_runnable");
        assertThat(refused.at("/error/problems/0/part").asText()).isEqualTo("/steps/0/variants");
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("campaigns").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + cloud.operatorKey(LocalCloud.ADMIN_OPERATOR))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        OpenApiAnswers.check(method, path.replaceAll("\\?.*", ""), response.statusCode(), response.body());
        return response;
    }

    private static JsonNode tree(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.MAPPER.readTree(response.body());
    }

    private static JsonNode error(HttpResponse<String> response, int status) throws Exception {
        return tree(response, status);
    }
}
