package com.emailengine.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.core.access.Operator;
import com.emailengine.emulators.cloud.LocalAccount;
import com.emailengine.platform.api.OpenApiDocument;
import com.emailengine.platform.api.RouteAccess;
import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.runtime.Log;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * API Gateway (HTTP API, payload format 2.0) on 127.0.0.1: turns each request into an
 * {@link APIGatewayV2HTTPEvent}, invokes the route's function and writes its response back, with the
 * gateway's own behaviour where the function is not involved: 404 for an unknown route, 413 above the
 * 10 MB payload quota, 500 when the function throws or answers something that is not a response. It also serves
 * the API's OpenAPI document at {@value OpenApiDocument#PATH}. As a server that may face a network it holds clients to
 * {@link GatewayLimits}: a deadline for each request, a connection limit, a rate per contact source (429).
 *
 * <p>Requests are served concurrently, each on a virtual thread, as Lambda runs concurrent requests in
 * concurrent execution environments; the functions behind it must therefore be thread-safe.
 */
public final class LocalApiGateway implements AutoCloseable {

    /** HTTP API's maximum request payload. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** How much of an unread request body the gateway reads before it answers and closes the connection instead. */
    static final int UNREAD_BODY_BYTES = 1024 * 1024;
    private static final Map<String, List<String>> JSON = Map.of("content-type", List.of("application/json"));
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final String OPENAPI = OpenApiDocument.json();

    private final HttpServer server;
    private final Map<String, LocalFunction> routes;
    private final Set<String> sourceRoutes;
    private final SourceRateLimits sourceLimits;
    private final LocalOperators operators;

    private LocalApiGateway(HttpServer server, Map<String, LocalFunction> routes, Set<String> sourceRoutes,
                            SourceRateLimits sourceLimits, LocalOperators operators) {
        this.server = server;
        this.routes = routes;
        this.sourceRoutes = sourceRoutes;
        this.sourceLimits = sourceLimits;
        this.operators = operators;
    }

    /** @param routes route definitions with the function serving each */
    public static LocalApiGateway start(String host, int port, Map<RouteDefinition, LocalFunction> routes) throws IOException {
        return start(host, port, routes, GatewayLimits.STANDARD, LocalOperators.OPEN);
    }

    public static LocalApiGateway start(String host, int port, Map<RouteDefinition, LocalFunction> routes, GatewayLimits limits)
            throws IOException {
        return start(host, port, routes, limits, LocalOperators.OPEN);
    }

    /** @param operators who may call the operator routes; {@link LocalOperators#OPEN} lets everyone through unchecked */
    public static LocalApiGateway start(String host, int port, Map<RouteDefinition, LocalFunction> routes, GatewayLimits limits,
                                        LocalOperators operators) throws IOException {
        applyServerLimits(limits);
        Map<String, LocalFunction> byKey = new HashMap<>();
        routes.forEach((route, function) -> byKey.put(route.routeKey(), function));
        Set<String> sourceRoutes = routes.keySet().stream().filter(route -> route.access() == RouteAccess.SOURCE_KEY)
                .map(RouteDefinition::routeKey).collect(Collectors.toUnmodifiableSet());
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        LocalApiGateway gateway = new LocalApiGateway(server, Map.copyOf(byKey), sourceRoutes,
                new SourceRateLimits(limits.sourceRequestsPerSecond(), limits.sourceBurst(), System::nanoTime), operators);
        server.createContext("/", gateway::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return gateway;
    }

    /**
     * The JDK server's own limits, read once per JVM when its first server starts: a request's headers and body must
     * arrive within the deadline (the JDK closes the connection otherwise), and connections beyond the limit are closed
     * at once. Left alone when set already (a test's shorter deadline, or the operator's {@code -D}).
     */
    private static void applyServerLimits(GatewayLimits limits) {
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(limits.requestDeadline().toSeconds()));
        setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(limits.maxConnections()));
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // One id per request, in the event and in the apigw-requestid response header, as API Gateway does.
            String requestId = UUID.randomUUID().toString();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (method.equals("GET") && path.equals(OpenApiDocument.PATH)) {
                // The gateway's own: the document of the routes it serves (API Gateway would serve it from a route).
                respond(exchange, requestId, 200, JSON, OPENAPI.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Match match = match(method, path);
            LocalFunction function = match == null ? null : routes.get(match.routeKey());
            if (function == null) {
                respond(exchange, requestId, 404, JSON, message("Not Found"));
                return;
            }
            if (sourceRoutes.contains(match.routeKey())) {
                String source = Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-ee-source"))
                        .orElse(exchange.getRemoteAddress().getAddress().getHostAddress());
                OptionalLong wait = sourceLimits.take(source);
                if (wait.isPresent()) {
                    respond(exchange, requestId, 429, Map.of("content-type", List.of("application/json"),
                            "retry-after", List.of(Long.toString(wait.getAsLong()))), message("Too Many Requests"));
                    return;
                }
            }
            Optional<Operator> operator = Optional.empty();
            if (operators.checked() && !sourceRoutes.contains(match.routeKey())) {
                operator = operators.of(exchange.getRequestHeaders().getFirst("authorization"));
                if (operator.isEmpty()) {
                    // A JWT authorizer's answer to missing or unknown credentials: no function runs.
                    respond(exchange, requestId, 401, JSON, message("Unauthorized"));
                    return;
                }
            }
            byte[] body = readLimited(exchange);
            if (body == null) {
                respond(exchange, requestId, 413, JSON, message("Request Entity Too Large"));
                return;
            }
            APIGatewayV2HTTPEvent event = event(exchange, requestId, method, path, body, match);
            operator.ifPresent(o -> event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(LocalOperators.claims(o))
                            .withScopes(List.of()).build()).build()));
            APIGatewayV2HTTPResponse response;
            byte[] out;
            try {
                response = (APIGatewayV2HTTPResponse) function.invoke(event);
                if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
                    throw new IllegalStateException("the function returned no valid response: " + response);
                }
                out = response.getBody() == null ? new byte[0]
                        : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                        : response.getBody().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException | Error e) {
                // A function error or a malformed response: HTTP APIs answer 500 either way.
                Log.warn("api-gateway", "function " + function.name() + " failed: " + e);
                respond(exchange, requestId, 500, JSON, message("Internal Server Error"));
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
            }
            if (response.getCookies() != null && !response.getCookies().isEmpty()) {
                // Payload 2.0: each entry of cookies becomes a set-cookie header of its own.
                headers.put("set-cookie", List.copyOf(response.getCookies()));
            }
            respond(exchange, requestId, response.getStatusCode(), headers, out);
        }
    }

    /** The route a request takes, with the values of its {@code {parameter}} segments. */
    private record Match(String routeKey, Map<String, String> parameters) {
    }

    /**
     * As API Gateway matches: an exact route first, else the route whose {@code {parameter}} segments take the
     * request's segments, the one with the most literal segments winning.
     */
    private Match match(String method, String path) {
        if (routes.containsKey(method + " " + path)) {
            return new Match(method + " " + path, Map.of());
        }
        String[] segments = path.split("/", -1);
        Match best = null;
        int bestLiterals = -1;
        for (String routeKey : routes.keySet()) {
            int space = routeKey.indexOf(' ');
            if (!routeKey.substring(0, space).equals(method)) {
                continue;
            }
            String[] pattern = routeKey.substring(space + 1).split("/", -1);
            if (pattern.length != segments.length) {
                continue;
            }
            Map<String, String> parameters = new HashMap<>();
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < pattern.length && matches; i++) {
                if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
                    matches = !segments[i].isEmpty();
                    parameters.put(pattern[i].substring(1, pattern[i].length() - 1),
                            java.net.URLDecoder.decode(segments[i], StandardCharsets.UTF_8));
                } else {
                    matches = pattern[i].equals(segments[i]);
                    literals++;
                }
            }
            if (matches && literals > bestLiterals) {
                best = new Match(routeKey, parameters);
                bestLiterals = literals;
            }
        }
        return best;
    }

    private static byte[] message(String text) {
        return ("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String requestId, String method, String path, byte[] body,
                                                Match match) {
        // Payload 2.0: lower-case names, repeated headers joined with commas, cookies in a field of their own.
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
        Map<String, String> headers = new HashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(value -> Arrays.stream(value.split(";")).map(String::strip)
                        .filter(cookie -> !cookie.isEmpty()).forEach(cookies::add));
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                // The JDK server has already refused a target with a malformed %-escape (400), so decoding cannot fail.
                parameters.merge(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> a + "," + b);
            }
        }
        String text = utf8Text(body);
        Instant now = Instant.now();
        String routeKey = match.routeKey();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withPathParameters(match.parameters().isEmpty() ? null : match.parameters())
                .withRawQueryString(query == null ? "" : query)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(parameters.isEmpty() ? null : parameters)
                .withBody(body.length == 0 ? null : text != null ? text : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && text == null)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId(LocalAccount.ACCOUNT_ID)
                        .withApiId("local")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withRequestId(requestId)
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    /** The body as text when it is valid UTF-8, as API Gateway passes text bodies; else null (sent base64). */
    private static String utf8Text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * @return the body, or null when it exceeds the payload quota; an oversized body is still read to its
     *         end (and dropped) so that the client, still sending, gets the 413 rather than a reset connection
     */
    private static byte[] readLimited(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        String declared = exchange.getRequestHeaders().getFirst("content-length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > MAX_PAYLOAD_BYTES) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        byte[] bytes = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return bytes;
    }

    private static void respond(HttpExchange exchange, String requestId, int status, Map<String, List<String>> headers,
                                byte[] body) throws IOException {
        boolean bodyRead = readRestOfRequestBody(exchange.getRequestBody());
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        if (!bodyRead) {
            exchange.getResponseHeaders().set("connection", "close");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Reads what is left of a request body that was answered without being read (a 404, a 401, a 429), up to
     * {@link #UNREAD_BODY_BYTES}. Left unread, the JDK server drops a connection with more than 64 KB still to come
     * after the answer, without saying so; a client that then sends its next request on that kept-alive connection
     * gets no answer at all. Beyond the bound the answer says {@code Connection: close} rather than read a stranger's
     * megabytes.
     *
     * @return whether the body was read to its end
     */
    private static boolean readRestOfRequestBody(InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = UNREAD_BODY_BYTES;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return true;
            }
            left -= read;
        }
        return in.read() < 0;
    }

    public List<String> routeKeys() {
        return List.copyOf(routes.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
