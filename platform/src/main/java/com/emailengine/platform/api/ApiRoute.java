package com.emailengine.platform.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of API v2 as the table declares it: the operation, where it is (method, path, function), who may call
 * it, and what an OpenAPI reader needs to call it (summary, query parameters, body, answers).
 *
 * @param tag       the group the operation is listed under (contacts, templates, imports)
 * @param query     the query parameters it reads
 * @param body      the request body it takes, if any
 * @param responses the answers it gives, by status; every route also answers the error shape on 4xx and 503
 */
public record ApiRoute(ApiOperation operation, RouteDefinition route, String tag, String summary, String description,
                       List<Parameter> query, Optional<Body> body, Map<Integer, Response> responses) {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    public ApiRoute {
        query = List.copyOf(query);
        responses = Map.copyOf(responses);
    }

    /** A query parameter: its name, JSON Schema type ({@code string}, {@code boolean}, {@code integer}) and meaning. */
    public record Parameter(String name, String type, String description) {
    }

    /**
     * A request body: the media types taken and the schema (a name in the document's components, or empty for raw
     * bytes such as a zip).
     */
    public record Body(List<String> mediaTypes, Optional<String> schema, boolean required) {
        public Body {
            mediaTypes = List.copyOf(mediaTypes);
        }
    }

    /** An answer: what it means, and the schema of its JSON body (a name in the document's components). */
    public record Response(String description, String schema) {
    }

    public String method() {
        return route.method();
    }

    public String path() {
        return route.path();
    }

    public String routeKey() {
        return route.routeKey();
    }

    /** The names of the path's {@code {parameter}} segments, in order. */
    public List<String> pathParameters() {
        Matcher matcher = PATH_PARAMETER.matcher(route.path());
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }
}
