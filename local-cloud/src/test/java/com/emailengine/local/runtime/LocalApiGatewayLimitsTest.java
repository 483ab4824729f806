package com.emailengine.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.platform.api.RouteAccess;
import com.emailengine.platform.api.RouteDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway as a server that may face a network: half-sent requests are cut at the deadline, connections beyond the
 * limit are closed, and a contact source sending too fast gets 429 with Retry-After while another source goes on.
 * The JDK server reads its deadline and connection limit once per JVM: this module's surefire configuration sets them
 * short ({@code sun.net.httpserver.maxReqTime}, {@code jdk.httpserver.maxConnections}), as an operator would with -D.
 */
class LocalApiGatewayLimitsTest {

    private static LocalApiGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        gateway = LocalApiGateway.start("127.0.0.1", 0, Map.of(
                new RouteDefinition("POST", "/ingest", "ingest", RouteAccess.SOURCE_KEY), TestFunctions.function("ingest",
                        (event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(202).build()),
                new RouteDefinition("POST", "/operator", "operator"), TestFunctions.function("operator",
                        (event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200).build())),
                new GatewayLimits(Duration.ofSeconds(20), 256, 5, 5));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aRequestWhoseHeadersNeverEndIsCutAtTheDeadline() throws Exception {
        long deadline = Long.parseLong(System.getProperty("sun.net.httpserver.maxReqTime"));
        try (Socket slow = socket()) {
            long start = System.nanoTime();
            slow.getOutputStream().write("POST /operator HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();

            assertThat(readsEnd(slow.getInputStream())).as("the gateway closed the connection").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(deadline + 3));
        }
    }

    @Test
    void aBodyThatNeverArrivesIsCutAtTheDeadlineAndNoFunctionRuns() throws Exception {
        long deadline = Long.parseLong(System.getProperty("sun.net.httpserver.maxReqTime"));
        try (Socket slow = socket()) {
            long start = System.nanoTime();
            slow.getOutputStream().write("POST /operator HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"a\":"
                    .getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();

            assertThat(readsEnd(slow.getInputStream())).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(deadline + 3));
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndOrdinaryRequestsStillPass() throws Exception {
        int limit = Integer.parseInt(System.getProperty("jdk.httpserver.maxConnections"));
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < limit + 10; i++) {
                idle.add(socket());
            }
            Thread.sleep(500);
            int closed = 0;
            for (Socket socket : idle) {
                socket.setSoTimeout(200);
                try {
                    if (socket.getInputStream().read() == -1) {
                        closed++;
                    }
                } catch (SocketTimeoutException open) {
                    // still open, waiting for its request
                } catch (IOException reset) {
                    closed++;
                }
            }
            assertThat(closed).as("of %d idle connections over a limit of %d", idle.size(), limit).isGreaterThanOrEqualTo(10);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        assertThat(post("/operator", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aSourceOverItsRateGets429WithRetryAfterWhileAnotherSourceGoesOn() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = post("/ingest", "greedy-scraper");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429 && refused == null) {
                refused = response;
            }
        }

        assertThat(statuses.subList(0, 5)).containsOnly(202);
        assertThat(refused).isNotNull();
        assertThat(refused.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
        assertThat(post("/ingest", "polite-source").statusCode()).isEqualTo(202);
        assertThat(post("/operator", null).statusCode()).as("operator routes are not rate-limited per source").isEqualTo(200);
    }

    private static Socket socket() throws IOException {
        URI endpoint = gateway.endpoint();
        Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** True when the server closed the connection (end of stream or reset) before any byte of an answer. */
    private static boolean readsEnd(InputStream in) {
        try {
            return in.read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    private static HttpResponse<String> post(String path, String source) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            if (source != null) {
                request.header("x-ee-source", source);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
