package com.emailengine.platform.api;

import com.emailengine.core.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 document of API v2, made from {@link RouteTable} and the JSON Schemas of the bodies
 * ({@code schemas.json} beside this class), so clients can be generated from the same declaration the gateway, the
 * CDK and the handlers read. The local gateway serves it at {@value #PATH}; {@code docs/openapi.json} is a copy a test
 * keeps equal to it.
 */
public final class OpenApiDocument {

    /** Where the local gateway serves the document. */
    public static final String PATH = "/api/v2/openapi.json";
    static final String VERSION = "2.0.0";

    private OpenApiDocument() {
    }

    /** The document as JSON, pretty-printed (stable: the same table gives the same bytes). */
    public static String json() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", ordered("title", "Email-Engine API", "version", VERSION,
                "description", "Contacts in, templates and imports for operators. Errors always have one shape (Error)."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ApiRoute route : RouteTable.routes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
            item.put(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        document.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas());
        components.put("securitySchemes", securitySchemes());
        document.put("components", components);
        return document;
    }

    private static Map<String, Object> operation(ApiRoute route) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", route.operation().operationId());
        operation.put("tags", List.of(route.tag()));
        operation.put("summary", route.summary());
        if (!route.description().isBlank()) {
            operation.put("description", route.description());
        }
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (String name : route.pathParameters()) {
            parameters.add(ordered("name", name, "in", "path", "required", true,
                    "schema", ordered("type", name.equals("version") ? "integer" : "string")));
        }
        for (ApiRoute.Parameter query : route.query()) {
            parameters.add(ordered("name", query.name(), "in", "query", "required", false, "description", query.description(),
                    "schema", ordered("type", query.type())));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        route.body().ifPresent(body -> {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String mediaType : body.mediaTypes()) {
                content.put(mediaType, ordered("schema", body.schema().<Map<String, Object>>map(OpenApiDocument::ref)
                        .orElse(ordered("type", "string", "contentMediaType", mediaType))));
            }
            operation.put("requestBody", ordered("required", body.required(), "content", content));
        });
        Map<String, Object> responses = new TreeMap<>();
        route.responses().forEach((status, response) -> responses.put(Integer.toString(status),
                jsonResponse(response.description(), response.schema())));
        responses.putIfAbsent("413", jsonResponse("Too large: over the operation's own limit (the error shape), or over API "
                + "Gateway's 10 MB quota (the gateway's own message)", "ErrorOrGatewayMessage"));
        responses.putIfAbsent("4XX", jsonResponse("Refused: the code says why and the field where", "Error"));
        if (route.route().access() == RouteAccess.OPERATOR) {
            responses.put("401", jsonResponse("No operator credentials, or unknown ones: the gateway's own answer, no function "
                    + "ran (the local gateway's operator keys; SigV4 in AWS answers 403)", "GatewayMessage"));
            responses.put("403", jsonResponse("Refused: this operator may not act for this tenant (tenant_not_allowed), or "
                    + "API Gateway refused the SigV4 signature (its own message)", "ErrorOrGatewayMessage"));
        }
        if (route.route().access() == RouteAccess.SOURCE_KEY) {
            Map<String, Object> tooMany = jsonResponse("Too many requests from this source: retry after the seconds "
                    + "Retry-After gives (the local gateway's per-source rate; API Gateway throttles the route)", "GatewayMessage");
            tooMany.put("headers", ordered("Retry-After", ordered("schema", ordered("type", "integer", "minimum", 1))));
            responses.put("429", tooMany);
        }
        responses.put("503", jsonResponse("Temporarily unavailable: nothing was stored, retry the same request", "Error"));
        operation.put("responses", responses);
        operation.put("security", route.route().access() == RouteAccess.OPERATOR
                ? List.of(ordered("sigv4", List.of()))
                : List.of(ordered("sourceKey", List.of()), ordered("sourceSignature", List.of())));
        return operation;
    }

    private static Map<String, Object> jsonResponse(String description, String schema) {
        return ordered("description", description, "content", ordered("application/json", ordered("schema", ref(schema))));
    }

    private static Map<String, Object> ref(String schema) {
        return ordered("$ref", "#/components/schemas/" + schema);
    }

    /** A map that keeps the order written: Map.of iterates in an order that changes from one JVM to the next. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> securitySchemes() {
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("sigv4", ordered("type", "apiKey", "in", "header", "name", "Authorization",
                "description", "AWS Signature Version 4 (service execute-api) by a principal the stage's ee-<stage>-operator-api "
                        + "policy allows; the local gateway checks nothing"));
        schemes.put("sourceKey", ordered("type", "http", "scheme", "bearer",
                "description", "the source's key (sources.yaml; Secrets Manager ee/<stage>/sources/<id>)"));
        schemes.put("sourceSignature", ordered("type", "apiKey", "in", "header", "name", "X-EE-Signature",
                "description", "HMAC-SHA256 of timestamp and body with the source's key (with X-EE-Source and X-EE-Timestamp)"));
        return schemes;
    }

    private static Map<String, Object> schemas() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("schemas.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas.json is missing beside " + OpenApiDocument.class.getName());
            }
            return Json.MAPPER.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
