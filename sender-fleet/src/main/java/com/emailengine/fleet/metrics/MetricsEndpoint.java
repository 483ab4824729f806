package com.emailengine.fleet.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} through the Prometheus client's own HTTP server, from the node's registry:
 * the text format by default (as curl gets it), OpenMetrics or gzip when the scraper asks for them.
 * Runs until closed.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final byte[] NOT_FOUND = "see /metrics\n".getBytes(StandardCharsets.UTF_8);

    private final HTTPServer server;
    private final InetSocketAddress address;

    private MetricsEndpoint(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    public static MetricsEndpoint start(InetSocketAddress address, FleetMetrics metrics) throws IOException {
        InetAddress host = address.isUnresolved() ? InetAddress.getByName(address.getHostString()) : address.getAddress();
        HTTPServer server = HTTPServer.builder(FleetMetrics.PROPERTIES)
                .inetAddress(host)
                .port(address.getPort())
                .registry(metrics.registry())
                // One virtual thread per scrape, as before: no pool to size (the client's default keeps up to 10 threads).
                .executorService(Executors.newVirtualThreadPerTaskExecutor())
                // The node's one page stays /metrics: no landing page, no health path that nothing polls.
                .defaultHandler(MetricsEndpoint::notFound)
                .registerHealthHandler(false)
                .buildAndStart();
        return new MetricsEndpoint(server, new InetSocketAddress(host, server.getPort()));
    }

    /** Where it listens, with the port the system chose when the setting asked for port 0. */
    public InetSocketAddress address() {
        return address;
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(404, NOT_FOUND.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(NOT_FOUND);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
