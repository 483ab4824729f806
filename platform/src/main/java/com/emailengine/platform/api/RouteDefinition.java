package com.emailengine.platform.api;

import java.util.Objects;

/**
 * An HTTP API route ({@code POST /api/v2/contacts/ingest}) and the function serving it. A path segment in braces
 * ({@code {tenant}}) matches any one segment and reaches the function as a path parameter, as in API Gateway.
 *
 * @param access who may call it; a route is an operator's unless it says otherwise
 */
public record RouteDefinition(String method, String path, String function, RouteAccess access) {

    public RouteDefinition {
        Objects.requireNonNull(access, "access");
    }

    /** An operator route (AWS IAM at the gateway). */
    public RouteDefinition(String method, String path, String function) {
        this(method, path, function, RouteAccess.OPERATOR);
    }

    public String routeKey() {
        return method + " " + path;
    }
}
