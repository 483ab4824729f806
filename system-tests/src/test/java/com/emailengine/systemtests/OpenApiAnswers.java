package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.json.Json;
import com.emailengine.platform.api.ApiRoute;
import com.emailengine.platform.api.OpenApiDocument;
import com.emailengine.platform.api.RouteTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Holds every answer the API gives in these tests to the OpenAPI document: the status must be one the operation
 * declares (or 4XX / 503, the error shape), and the body must validate against that answer's JSON Schema (2020-12,
 * through networknt's validator, an independent reader of the schemas). So the published document is what the
 * handlers really send, not what someone wrote about them.
 */
final class OpenApiAnswers {

    private static final JsonNode DOCUMENT = Json.MAPPER.valueToTree(OpenApiDocument.document());
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenApiAnswers() {
    }

    /** @param path the request path as sent, e.g. {@code /api/v2/tenants/sos-expat/templates/welcome} */
    static void check(String method, String path, int status, String body) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        ApiRoute route = RouteTable.routes().stream()
                .filter(r -> r.method().equals(method) && pattern(r.path()).matcher(bare).matches())
                .findFirst().orElseThrow(() -> new AssertionError("no route of the table takes " + method + " " + bare));
        JsonNode responses = DOCUMENT.path("paths").path(route.path()).path(method.toLowerCase(Locale.ROOT)).path("responses");
        JsonNode answer = responses.has(Integer.toString(status)) ? responses.get(Integer.toString(status))
                : status >= 400 && status < 500 ? responses.get("4XX") : null;
        assertThat(answer).as("%s answered %d, which the document does not declare for %s", route.routeKey(), status,
                route.operation().operationId()).isNotNull();
        String ref = answer.path("content").path("application/json").path("schema").path("$ref").asText();
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(route.routeKey() + " " + status + " answered no JSON: " + body, e);
        }
        List<Error> errors = schema(name).validate(json);
        assertThat(errors).as("%s %d against %s: %s", route.routeKey(), status, name, body).isEmpty();
    }

    private static Pattern pattern(String template) {
        return Pattern.compile(template.replaceAll("\\{[^}/]+}", "[^/]+"));
    }

    private static Schema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#/components/schemas/" + n);
            root.set("components", DOCUMENT.get("components"));
            return REGISTRY.getSchema(SchemaLocation.of("urn:email-engine:openapi:" + n), root);
        });
    }
}
