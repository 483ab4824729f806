package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.json.Json;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.platform.api.ApiOperation;
import com.emailengine.platform.api.ApiRoute;
import com.emailengine.platform.api.RouteAccess;
import com.emailengine.platform.api.RouteTable;
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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tenant isolation on the local cloud (D42), route by route: every operator route of the table, for each tenant, called
 * with no key, a wrong key, a source's key, the other tenant's operator, the tenant's own operator and the admin. A
 * stranger is turned away by the gateway (401, no function runs); another tenant's operator gets 403
 * {@code tenant_not_allowed}; neither writes anything. The tenant's own operator and the admin get through.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorAccessMatrixTest {

    private static final List<String> TENANTS = List.of("sos-expat", "ulixai");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(Path.of("../config/local"),
                Files.createTempDirectory("ee-access-dkim"), "127.0.16"));
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    @Order(1)
    void strangersAreTurnedAwayByTheGatewayOnEveryOperatorRouteAndWriteNothing() throws Exception {
        List<Optional<String>> strangers = List.of(Optional.empty(),
                Optional.of("Bearer " + cloud.operatorKey(LocalCloud.ADMIN_OPERATOR) + "x"),
                Optional.of("Bearer " + cloud.sourceKey("manual")),
                Optional.of("Basic " + cloud.operatorKey(LocalCloud.ADMIN_OPERATOR)),
                Optional.of("Bearer "));
        int calls = 0;
        for (String tenant : TENANTS) {
            for (ApiRoute route : operatorRoutes()) {
                for (Optional<String> credentials : strangers) {
                    StoredWrites before = StoredWrites.of(cloud);
                    HttpResponse<String> response = call(route, tenant, credentials);
                    String what = route.routeKey() + " for " + tenant + " with " + credentials.map(c -> c.split(" ")[0] + " …")
                            .orElse("no credentials");

                    assertThat(response.statusCode()).as(what + " -> " + response.body()).isEqualTo(401);
                    assertThat(response.body()).as(what).isEqualTo("{\"message\":\"Unauthorized\"}");
                    assertThat(StoredWrites.of(cloud)).as("refused, yet written: " + what).isEqualTo(before);
                    calls++;
                }
            }
        }
        assertThat(calls).isEqualTo(TENANTS.size() * operatorRoutes().size() * strangers.size());
    }

    @Test
    @Order(2)
    void aTenantsOperatorIsRefusedEveryRouteOfAnotherTenantAndWritesNothing() throws Exception {
        for (String tenant : TENANTS) {
            for (String other : List.of(TENANTS.get(0).equals(tenant) ? TENANTS.get(1) : TENANTS.get(0), "acme")) {
                for (ApiRoute route : operatorRoutes()) {
                    StoredWrites before = StoredWrites.of(cloud);
                    HttpResponse<String> response = call(route, other, operator(tenant + "-operator"));
                    String what = tenant + "-operator on " + route.routeKey() + " for " + other;

                    // An unknown tenant is refused the same way: a tenant's operator learns nothing of which others exist.
                    assertThat(response.statusCode()).as(what + " -> " + response.body()).isEqualTo(403);
                    JsonNode error = Json.MAPPER.readTree(response.body()).get("error");
                    assertThat(error.get("code").asText()).as(what).isEqualTo("tenant_not_allowed");
                    assertThat(error.get("field").asText()).as(what).isEqualTo("tenant");
                    assertThat(StoredWrites.of(cloud)).as("refused, yet written: " + what).isEqualTo(before);
                }
            }
        }
    }

    /** Last: what it writes (a test-send the fleet then delivers) would move the others' "nothing written" baseline. */
    @Test
    @Order(3)
    void aTenantsOwnOperatorAndTheAdminReachEveryRouteOfThatTenant() throws Exception {
        for (String tenant : TENANTS) {
            for (String operatorId : List.of(tenant + "-operator", LocalCloud.ADMIN_OPERATOR)) {
                for (ApiRoute route : operatorRoutes()) {
                    HttpResponse<String> response = call(route, tenant, operator(operatorId));
                    String what = operatorId + " on " + route.routeKey() + " for " + tenant + " -> " + response.body();

                    assertThat(response.statusCode()).as(what).isNotIn(401, 403).isLessThan(500);
                    if (route.operation() == ApiOperation.CREATE_TEMPLATE || route.operation() == ApiOperation.CREATE_CAMPAIGN) {
                        // The route did its work: the tenant's own operator came first and created it, the admin met it.
                        assertThat(response.statusCode()).as(what).isEqualTo(operatorId.equals(LocalCloud.ADMIN_OPERATOR) ? 409 : 201);
                    }
                }
            }
        }
        // The admin alone learns that a tenant does not exist.
        HttpResponse<String> unknown = call(RouteTable.of(ApiOperation.LIST_TEMPLATES), "acme",
                operator(LocalCloud.ADMIN_OPERATOR));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("unknown_tenant");
    }

    private static List<ApiRoute> operatorRoutes() {
        List<ApiRoute> routes = new ArrayList<>();
        RouteTable.routes().stream().filter(route -> route.route().access() == RouteAccess.OPERATOR).forEach(routes::add);
        assertThat(routes).as("the table has operator routes").hasSizeGreaterThan(5);
        return routes;
    }

    private static Optional<String> operator(String operatorId) {
        return Optional.of("Bearer " + cloud.operatorKey(operatorId));
    }

    /** A well-formed request for the route, so that what answers is the access rule and not a broken body. */
    private static HttpResponse<String> call(ApiRoute route, String tenant, Optional<String> authorization) throws Exception {
        String path = route.path().replace("{tenant}", tenant).replace("{key}", "matrix").replace("{version}", "1")
                .replace("{campaign}", "matrix");
        String contentType = "application/json";
        String body = switch (route.operation()) {
            case CREATE_TEMPLATE -> "{\"key\":\"matrix\",\"variants\":[{\"language\":\"en\",\"subject\":\"Hi\","
                    + "\"html\":\"<p>Hello ${contact.firstName}</p>\"}]}";
            case ADD_TEMPLATE_VERSION -> "{\"variants\":[{\"language\":\"fr\",\"subject\":\"Salut\",\"html\":\"<p>Bonjour</p>\"}]}";
            case PREVIEW_TEMPLATE -> "{}";
            case CREATE_CAMPAIGN -> "{\"id\":\"matrix\",\"kind\":\"sequence\",\"steps\":[{\"template\":\"welcome\",\"delay\":\"0s\"}]}";
            case ADD_CAMPAIGN_VERSION -> "{\"kind\":\"sequence\",\"steps\":[{\"template\":\"welcome\",\"delay\":\"1d\"}]}";
            case TEST_SEND_TEMPLATE -> "{\"to\":\"ops@gmail.test\"}";
            case IMPORT_MAILWIZZ -> {
                contentType = "text/html";
                path += "?file_name=matrix.html&dry_run=true";
                yield "<html><body><p>[FNAME], bonjour</p></body></html>";
            }
            default -> null;
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).timeout(Duration.ofSeconds(30))
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("content-type", contentType);
        }
        authorization.ifPresent(value -> request.header("authorization", value));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        OpenApiAnswers.check(route.method(), path.replaceAll("\\?.*", ""), response.statusCode(), response.body());
        return response;
    }
}
