package com.emailengine.local.runtime;

import static com.emailengine.local.runtime.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.core.json.Json;
import com.emailengine.emulators.cloud.LocalAccount;
import com.emailengine.platform.api.ApiRoute;
import com.emailengine.platform.api.OpenApiDocument;
import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.api.RouteTable;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway against a real HTTP client. What it must do is HTTP API's payload format 2.0:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
class LocalApiGatewayTest {

    private static final AtomicReference<APIGatewayV2HTTPEvent> lastEvent = new AtomicReference<>();
    private static final AtomicInteger invocations = new AtomicInteger();
    private static CountDownLatch rendezvous;
    private static LocalApiGateway gateway;
    private static HttpClient http;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = LocalApiGateway.start("127.0.0.1", 0, Map.of(
                new RouteDefinition("POST", "/echo", "echo"), function("echo", (event, context) -> {
                    invocations.incrementAndGet();
                    lastEvent.set((APIGatewayV2HTTPEvent) event);
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
                }),
                new RouteDefinition("POST", "/size", "size"), function("size", (event, context) -> {
                    invocations.incrementAndGet();
                    String body = ((APIGatewayV2HTTPEvent) event).getBody();
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                            .withBody(Integer.toString(body == null ? 0 : body.length())).build();
                }),
                new RouteDefinition("GET", "/reply", "reply"), function("reply", (event, context) ->
                        APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                                .withHeaders(Map.of("content-type", "text/plain; charset=utf-8", "x-contact-id", "c-42"))
                                .withCookies(List.of("session=abc; Path=/", "theme=dark"))
                                .withBody("créé").build()),
                new RouteDefinition("GET", "/binary", "binary"), function("binary", (event, context) ->
                        APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                                .withHeaders(Map.of("content-type", "application/octet-stream"))
                                .withBody(Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff, 0x10}))
                                .withIsBase64Encoded(true).build()),
                new RouteDefinition("GET", "/throws", "throws"), function("throws", (event, context) -> {
                    throw new IllegalStateException("boom");
                }),
                new RouteDefinition("GET", "/not-a-response", "not-a-response"), function("not-a-response", (event, context) -> "plain text"),
                new RouteDefinition("GET", "/rendezvous", "rendezvous"), function("rendezvous", (event, context) -> {
                    rendezvous.countDown();
                    try {
                        // Returns 200 only if the other request reaches the function while this one is in it.
                        boolean together = rendezvous.await(20, TimeUnit.SECONDS);
                        return APIGatewayV2HTTPResponse.builder().withStatusCode(together ? 200 : 504).build();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        http.close();
    }

    @BeforeEach
    void forgetLastEvent() {
        lastEvent.set(null);
        invocations.set(0);
    }

    @Test
    void turnsARequestIntoAPayloadFormat2Event() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        uri("/echo?tenant=sos-expat&tag=a&tag=b&q=caf%C3%A9%20au%20lait&flag"))
                .header("Content-Type", "application/json")
                .header("X-Request-Source", "partner")
                .header("X-Tag", "one").header("X-Tag", "two")
                .header("Cookie", "session=abc; theme=dark")
                .header("User-Agent", "gateway-test/1")
                .POST(BodyPublishers.ofString("{\"email\":\"a@example.org\"}")).build(), BodyHandlers.ofString());

        APIGatewayV2HTTPEvent event = lastEvent.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("POST /echo");
        assertThat(event.getRawPath()).isEqualTo("/echo");
        assertThat(event.getRawQueryString()).isEqualTo("tenant=sos-expat&tag=a&tag=b&q=caf%C3%A9%20au%20lait&flag");
        // Repeated parameters and headers are joined with commas; header names are lower case.
        assertThat(event.getQueryStringParameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "tenant", "sos-expat", "tag", "a,b", "q", "café au lait", "flag", ""));
        assertThat(event.getHeaders())
                .containsEntry("content-type", "application/json")
                .containsEntry("x-request-source", "partner")
                .containsEntry("x-tag", "one,two")
                .containsEntry("user-agent", "gateway-test/1")
                .doesNotContainKey("cookie")
                .allSatisfy((name, value) -> assertThat(name).isLowerCase());
        assertThat(event.getCookies()).containsExactly("session=abc", "theme=dark");
        assertThat(event.getBody()).isEqualTo("{\"email\":\"a@example.org\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();

        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertThat(context.getHttp().getMethod()).isEqualTo("POST");
        assertThat(context.getHttp().getPath()).isEqualTo("/echo");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("gateway-test/1");
        assertThat(context.getRouteKey()).isEqualTo("POST /echo");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getAccountId()).isEqualTo(LocalAccount.ACCOUNT_ID);
        assertThat(context.getRequestId()).isNotBlank()
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(context.getTime()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(Instant.ofEpochMilli(context.getTimeEpoch())).isBetween(before.minusSeconds(1), Instant.now());
    }

    @Test
    void givesEachRequestItsOwnRequestId() throws Exception {
        String first = http.send(post("/echo", "a"), BodyHandlers.ofString()).headers().firstValue("apigw-requestid").orElseThrow();
        String second = http.send(post("/echo", "b"), BodyHandlers.ofString()).headers().firstValue("apigw-requestid").orElseThrow();

        assertThat(first).isNotEqualTo(second);
        assertThat(lastEvent.get().getRequestContext().getRequestId()).isEqualTo(second);
    }

    @Test
    void passesAUtf8BodyAsTextAndAnyOtherBodyAsBase64() throws Exception {
        http.send(post("/echo", "Grüße, 東京"), BodyHandlers.discarding());
        APIGatewayV2HTTPEvent text = lastEvent.get();
        byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
        http.send(HttpRequest.newBuilder(uri("/echo")).POST(BodyPublishers.ofByteArray(latin1)).build(), BodyHandlers.discarding());
        APIGatewayV2HTTPEvent binary = lastEvent.get();
        http.send(HttpRequest.newBuilder(uri("/echo")).POST(BodyPublishers.noBody()).build(), BodyHandlers.discarding());
        APIGatewayV2HTTPEvent empty = lastEvent.get();

        assertThat(text.getBody()).isEqualTo("Grüße, 東京");
        assertThat(text.getIsBase64Encoded()).isFalse();
        assertThat(binary.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.getBody())).containsExactly(latin1);
        assertThat(empty.getBody()).isNull();
        assertThat(empty.getIsBase64Encoded()).isFalse();
        assertThat(empty.getQueryStringParameters()).isNull();
        assertThat(empty.getRawQueryString()).isEmpty();
    }

    @Test
    void refusesARequestWhoseTargetIsNotAUriWithoutInvokingTheFunction() throws Exception {
        // java.net.URI refuses to build such a request, so it goes over a plain socket.
        String statusLine;
        try (Socket socket = new Socket(gateway.endpoint().getHost(), gateway.endpoint().getPort())) {
            socket.getOutputStream().write(("POST /echo?q=100%25&bad=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }

        assertThat(statusLine).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(invocations.get()).isZero();
    }

    @Test
    void writesTheFunctionsStatusHeadersCookiesAndBody() throws Exception {
        HttpResponse<String> response = http.send(get("/reply"), BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("x-contact-id")).contains("c-42");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/", "theme=dark");
        assertThat(response.body()).isEqualTo("créé");
    }

    @Test
    void decodesABase64ResponseBodyToItsBytes() throws Exception {
        HttpResponse<byte[]> response = http.send(get("/binary"), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsExactly(0, 0xff, 0x10);
    }

    @Test
    void answersNotFoundForAnUnknownPathOrAnotherMethodAsApiGatewayDoes() throws Exception {
        HttpResponse<String> unknownPath = http.send(get("/nowhere"), BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = http.send(get("/echo"), BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(unknownPath, wrongMethod)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        }
        assertThat(invocations.get()).isZero();
    }

    @Test
    void acceptsExactlyTenMegabytes() throws Exception {
        HttpResponse<String> response = http.send(post("/size", "a".repeat(LocalApiGateway.MAX_PAYLOAD_BYTES)), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Integer.toString(LocalApiGateway.MAX_PAYLOAD_BYTES));
    }

    @Test
    void refusesAPayloadAboveTenMegabytesWithoutInvokingTheFunction() throws Exception {
        byte[] tooLarge = new byte[LocalApiGateway.MAX_PAYLOAD_BYTES + 1];
        Arrays.fill(tooLarge, (byte) 'a');

        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(uri("/size"))
                .POST(BodyPublishers.ofByteArray(tooLarge)).build(), BodyHandlers.ofString());
        // Without a Content-Length (chunked), the gateway finds out while reading.
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/size"))
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofByteArray(tooLarge))).build(), BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        }
        assertThat(invocations.get()).isZero();
    }

    @Test
    void keepsTheConnectionUsableAfterAnsweringARequestWhoseBodyNoFunctionRead() throws Exception {
        // A 404 for a 200 KB body: left unread, the JDK server dropped the kept-alive connection after the answer, and
        // the client's next request on it got no answer at all ("header parser received no bytes").
        try (Socket socket = new Socket(gateway.endpoint().getHost(), gateway.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = new java.io.DataInputStream(socket.getInputStream());
            out.write(("POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 200000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[200_000]);
            RawAnswer notFound = RawAnswer.read(in);
            out.write("GET /reply HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawAnswer reply = RawAnswer.read(in);

            assertThat(notFound.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
            assertThat(notFound.headers()).doesNotContainKey("connection");
            assertThat(reply.statusLine()).isEqualTo("HTTP/1.1 201 Created");
        }
        assertThat(invocations.get()).isZero();
    }

    @Test
    void saysItClosesTheConnectionWhenAnUnreadBodyIsTooLargeToReadForNothing() throws Exception {
        byte[] large = new byte[LocalApiGateway.UNREAD_BODY_BYTES + 1];

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/nowhere"))
                .POST(BodyPublishers.ofByteArray(large)).build(), BodyHandlers.ofString());
        HttpResponse<String> next = http.send(get("/reply"), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("connection")).contains("close");
        assertThat(next.statusCode()).isEqualTo(201);
    }

    /** An HTTP/1.1 answer read off a socket: its status line, its headers (names in lower case) and its body. */
    private record RawAnswer(String statusLine, Map<String, String> headers, byte[] body) {
        static RawAnswer read(java.io.DataInputStream in) throws java.io.IOException {
            String statusLine = line(in);
            Map<String, String> headers = new java.util.HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            in.readFully(body);
            return new RawAnswer(statusLine, headers, body);
        }

        private static String line(java.io.DataInputStream in) throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new java.io.EOFException("the gateway closed the connection after: " + line);
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }

    @Test
    void answersInternalServerErrorWhenTheFunctionThrowsOrAnswersNoResponse() throws Exception {
        HttpResponse<String> threw = http.send(get("/throws"), BodyHandlers.ofString());
        HttpResponse<String> noResponse = http.send(get("/not-a-response"), BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(threw, noResponse)) {
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
        }
    }

    @Test
    void servesConcurrentRequestsConcurrently() throws Exception {
        rendezvous = new CountDownLatch(2);

        CompletableFuture<HttpResponse<Void>> first = http.sendAsync(get("/rendezvous"), BodyHandlers.discarding());
        CompletableFuture<HttpResponse<Void>> second = http.sendAsync(get("/rendezvous"), BodyHandlers.discarding());

        // Served one after the other, the first would wait for the second in vain and answer 504.
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void listsItsRouteKeys() {
        assertThat(gateway.routeKeys()).contains("POST /echo", "GET /reply").hasSize(7);
        assertThat(gateway.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(gateway.endpoint().getPort()).isPositive();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(gateway.endpoint() + pathAndQuery);
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain; charset=utf-8")
                .POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    @Test
    void servesTheApisOpenApiDocumentWithEveryRouteOfTheTable() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(OpenApiDocument.PATH)).GET().build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode document = Json.MAPPER.readTree(response.body());
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        for (ApiRoute route : RouteTable.routes()) {
            assertThat(document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT))
                    .path("operationId").asText()).as(route.routeKey()).isEqualTo(route.operation().operationId());
        }
        assertThat(invocations.get()).as("no function is invoked for the document").isZero();
    }

}
