package com.emailengine.local.runtime;

import java.time.Duration;

/**
 * What the local gateway holds a client to, as a server that may face a network: a request (headers and body) must
 * arrive within {@code requestDeadline}, at most {@code maxConnections} are open at once, and a contact source (a route
 * of {@code SOURCE_KEY} access) may send {@code sourceRequestsPerSecond} requests a second with bursts of
 * {@code sourceBurst}, else 429 with {@code Retry-After}. API Gateway holds the cloud's API to its own limits (the
 * stage's and the ingest route's throttling in infra-cdk).
 */
public record GatewayLimits(Duration requestDeadline, int maxConnections, double sourceRequestsPerSecond, int sourceBurst) {

    /** 20 s for a request, 256 connections, 50 requests a second per source with bursts of 100. */
    public static final GatewayLimits STANDARD = new GatewayLimits(Duration.ofSeconds(20), 256, 50, 100);

    public GatewayLimits {
        if (requestDeadline.toSeconds() < 1 || maxConnections < 1 || sourceRequestsPerSecond <= 0 || sourceBurst < 1) {
            throw new IllegalArgumentException("gateway limits must be positive: " + requestDeadline + ", " + maxConnections
                    + ", " + sourceRequestsPerSecond + ", " + sourceBurst);
        }
    }
}
