package com.emailengine.functions.topology;

/**
 * An HTTP API route ({@code POST /api/v2/contacts/ingest}) and the function serving it. A path segment in braces
 * ({@code {tenant}}) matches any one segment and reaches the function as a path parameter, as in API Gateway.
 */
public record RouteDefinition(String method, String path, String function) {

    public String routeKey() {
        return method + " " + path;
    }
}
