package com.emailengine.functions.topology;

/** An HTTP API route ({@code POST /api/v2/contacts/ingest}) and the function serving it. */
public record RouteDefinition(String method, String path, String function) {

    public String routeKey() {
        return method + " " + path;
    }
}
