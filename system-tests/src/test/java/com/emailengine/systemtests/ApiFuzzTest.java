package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.local.runtime.GatewayLimits;
import com.emailengine.platform.api.ApiOperation;
import com.emailengine.platform.api.ApiRoute;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.topology.SystemTopology;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests to every route of the table, seeded so a failure can be replayed ({@code -Dee.fuzz.seed=...},
 * {@code -Dee.fuzz.requests=...}): broken and deeply nested JSON, wrong types, huge strings, NUL, invalid UTF-8, CR/LF,
 * duplicate keys, wrong content types, bad or missing credentials, junk path parameters. Each must be answered below
 * 500, in the shape the OpenAPI document declares for its status, within a time bound; and a refused request must
 * write nothing: no queued contact, no template record or body, no queued message.
 */
class ApiFuzzTest {

    private static final long SEED = Long.getLong("ee.fuzz.seed", 20261203L);
    private static final int REQUESTS_PER_ROUTE = Integer.getInteger("ee.fuzz.requests", 80);
    private static final Duration PER_REQUEST = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(Path.of("../config/local"), Files.createTempDirectory("ee-fuzz-dkim"),
                "127.0.15").withGatewayLimits(new GatewayLimits(Duration.ofSeconds(20), 256, 100_000, 100_000)));
        // Contacts stay on their queue, where the test counts them: a refused request must have queued none.
        cloud.disableEventSource(SystemTopology.CONTACTS_QUEUE);
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void noHostileRequestGetsA5xxAnAnswerOutsideTheDocumentOrWritesAnythingWhenRefused() throws Exception {
        Random random = new Random(SEED);
        Hostile hostile = new Hostile(random, cloud.sourceKey("manual"), cloud.operatorKey(LocalCloud.ADMIN_OPERATOR),
                cloud.operatorKey("ulixai-operator"));
        int refused = 0;
        int answered = 0;
        // What was written so far: a refused request must leave it as it found it.
        StoredWrites before = StoredWrites.of(cloud);
        for (ApiRoute route : RouteTable.routes()) {
            for (int i = 0; i < REQUESTS_PER_ROUTE; i++) {
                Hostile.Request request = hostile.requestFor(route);
                long start = System.nanoTime();
                HttpResponse<String> response = HTTP.send(request.build(cloud.apiEndpoint()), HttpResponse.BodyHandlers.ofString());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                String what = "seed " + SEED + ", " + route.routeKey() + " #" + i + ": " + request;

                assertThat(response.statusCode()).as(what + " -> " + response.body()).isBetween(200, 499);
                assertThat(took).as(what).isLessThan(PER_REQUEST);
                // A junk path parameter (an empty segment) matches no route: the gateway's own 404, before any function.
                boolean gatewayNotFound = response.statusCode() == 404 && response.body().equals("{\"message\":\"Not Found\"}");
                if (!gatewayNotFound) {
                    OpenApiAnswers.check(route.method(), request.path(), response.statusCode(), response.body());
                }
                answered++;
                StoredWrites after = StoredWrites.of(cloud);
                if (response.statusCode() >= 400) {
                    refused++;
                    assertThat(after).as("refused, yet written: " + what).isEqualTo(before);
                }
                before = after;
            }
        }
        assertThat(answered).isEqualTo(REQUESTS_PER_ROUTE * RouteTable.routes().size());
        assertThat(refused).as("the requests are hostile: most must be refused").isGreaterThan(answered / 2);
    }

    /** Makes hostile requests for a route from a seeded random source. */
    static final class Hostile {

        private static final List<String> TENANTS = List.of("sos-expat", "ulixai", "acme", "", "SOS-EXPAT", "%00", "..%2F..",
                "a".repeat(300), "%C3%28", "ulixai%0D%0AX-Evil:1");
        private static final List<String> KEYS = List.of("welcome", "nope", "UPPER", "a%20b", "%00", "x".repeat(200), "-", "..");
        private static final List<String> VERSIONS = List.of("1", "0", "-1", "999999999999", "abc", "1.5", "%00");
        private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
                "application/jsonp", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/zip", "text/html", "", "application/json;;;");
        private static final List<String> VALID = List.of(
                "{\"email\":\"ana@gmail.test\",\"first_name\":\"Ana\",\"tenant\":\"sos-expat\"}",
                "{\"contacts\":[{\"email\":\"bo@yahoo.test\"},{\"email\":\"cy@outlook.test\",\"country\":\"FR\"}],\"tenant\":\"ulixai\"}",
                "{\"key\":\"fz\",\"variants\":[{\"language\":\"en\",\"subject\":\"Hi\",\"html\":\"<p>${contact.firstName}</p>\"}]}",
                "{\"variants\":[{\"language\":\"fr\",\"subject\":\"Salut\",\"html\":\"<p>Bonjour</p>\"}],\"syntax\":\"mailwizz\"}",
                "{\"to\":\"ops@gmail.test\",\"contact\":{\"first_name\":\"Zoé\"}}",
                "{\"language\":\"ar\",\"contact\":{\"first_name\":\"ليلى\",\"fields\":{\"city\":\"x\"}}}",
                "{\"id\":\"welcome\",\"kind\":\"sequence\",\"steps\":[{\"template\":\"welcome\",\"delay\":\"1d\"},"
                        + "{\"template\":\"welcome\",\"delay\":\"3d\",\"condition\":{\"if\":\"not_opened\",\"step\":1,\"within\":\"2d\"}}]}",
                "{\"kind\":\"broadcast\",\"send_at\":\"2026-12-10T09:00\",\"steps\":[{\"template\":\"welcome\",\"variants\":["
                        + "{\"id\":\"a\",\"percent\":50,\"subject\":\"A\"},{\"id\":\"b\",\"percent\":50,\"subject\":\"B\"}]}]}",
                "{\"version\":1}");

        private final Random random;
        private final String manualKey;
        private final String adminKey;
        private final String ulixaiKey;

        Hostile(Random random, String manualKey, String adminKey, String ulixaiKey) {
            this.random = random;
            this.manualKey = manualKey;
            this.adminKey = adminKey;
            this.ulixaiKey = ulixaiKey;
        }

        record Request(String method, String path, String contentType, List<String> headers, byte[] body) {
            HttpRequest build(URI api) {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path)).timeout(PER_REQUEST)
                        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                if (!contentType.isEmpty()) {
                    builder.header("content-type", contentType);
                }
                for (int i = 0; i < headers.size(); i += 2) {
                    builder.header(headers.get(i), headers.get(i + 1));
                }
                return builder.build();
            }

            @Override
            public String toString() {
                String shown = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8).replace("\r", "\\r")
                        .replace("\n", "\\n");
                return method + " " + path + " [" + contentType + "] " + headers + " " + body.length + " bytes: " + shown;
            }
        }

        Request requestFor(ApiRoute route) {
            String path = route.path()
                    .replace("{tenant}", pick(TENANTS))
                    .replace("{key}", pick(KEYS))
                    .replace("{version}", pick(VERSIONS))
                    .replace("{campaign}", pick(KEYS));
            if (random.nextInt(4) == 0) {
                path += "?" + pick(List.of("version=abc", "include_deleted=%00", "dry_run=true&dry_run=false", "file_name="
                        + "y".repeat(500), "language=xx-%0D%0A", "inline_css=1"));
            }
            List<String> headers = new ArrayList<>();
            if (route.operation() == ApiOperation.INGEST_CONTACTS) {
                switch (random.nextInt(6)) {
                    case 0 -> headers.addAll(List.of("x-ee-source", "manual", "authorization", "Bearer " + manualKey));
                    case 1 -> headers.addAll(List.of("x-ee-source", "manual", "authorization", "Bearer wrong"));
                    case 2 -> headers.addAll(List.of("x-ee-source", "nobody", "authorization", "Bearer " + manualKey));
                    case 3 -> headers.addAll(List.of("x-ee-source", "manual", "x-ee-timestamp", "0", "x-ee-signature", "sha256=00"));
                    case 4 -> headers.addAll(List.of("authorization", "Basic Zm9vOmJhcg=="));
                    default -> { }
                }
            } else {
                // Mostly the admin, so the function gets the hostile part; sometimes a tenant's operator, a wrong key, none.
                switch (random.nextInt(8)) {
                    case 0 -> headers.addAll(List.of("authorization", "Bearer " + ulixaiKey));
                    case 1 -> headers.addAll(List.of("authorization", "Bearer " + adminKey + "x"));
                    case 2 -> { }
                    default -> headers.addAll(List.of("authorization", "Bearer " + adminKey));
                }
            }
            String contentType = random.nextInt(3) == 0 ? pick(CONTENT_TYPES) : "application/json";
            return new Request(route.method(), path, contentType, headers, route.method().equals("GET")
                    || route.method().equals("DELETE") ? (random.nextInt(4) == 0 ? body() : new byte[0]) : body());
        }

        private byte[] body() {
            return switch (random.nextInt(12)) {
                case 0 -> nested(random.nextInt(2) == 0 ? "[" : "{\"a\":", 2_000 + random.nextInt(20_000));
                case 1 -> ("{\"email\":\"" + "é".repeat(100_000 + random.nextInt(200_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
                case 2 -> insert(pick(VALID).getBytes(StandardCharsets.UTF_8), new byte[] {0});
                case 3 -> insert(pick(VALID).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
                case 4 -> pick(VALID).replaceFirst("\":\"", "\":\"x\\r\\nBcc: victim@example.test\\r\\n").getBytes(StandardCharsets.UTF_8);
                case 5 -> pick(VALID).replaceFirst("\\{", "{\"email\":\"dup@gmail.test\",").getBytes(StandardCharsets.UTF_8);
                case 6 -> typesSwapped(pick(VALID)).getBytes(StandardCharsets.UTF_8);
                case 7 -> truncate(pick(VALID).getBytes(StandardCharsets.UTF_8));
                case 8 -> randomBytes(random.nextInt(2_000));
                case 9 -> ("{\"variants\":[{\"language\":\"en\",\"subject\":\"" + "#if(true)".repeat(2_000) + "\",\"html\":\""
                        + "(".repeat(3_000) + "\"}],\"key\":\"deep\"}").getBytes(StandardCharsets.UTF_8);
                case 10 -> new byte[0];
                default -> pick(VALID).getBytes(StandardCharsets.UTF_8);
            };
        }

        private static byte[] nested(String open, int depth) {
            return open.repeat(depth).getBytes(StandardCharsets.UTF_8);
        }

        private byte[] insert(byte[] into, byte[] what) {
            int at = random.nextInt(into.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(into, 0, at);
            out.writeBytes(what);
            out.write(into, at, into.length - at);
            return out.toByteArray();
        }

        private byte[] truncate(byte[] body) {
            return Arrays.copyOf(body, random.nextInt(body.length));
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private String typesSwapped(String json) {
            return switch (random.nextInt(4)) {
                case 0 -> json.replaceAll("\"[^\"]*\"\\s*(?=[,}\\]])", "12345");
                case 1 -> json.replaceAll(":\\s*\"([^\"]*)\"", ":[\"$1\"]");
                case 2 -> json.replaceAll(":\\s*\"([^\"]*)\"", ":{\"v\":\"$1\"}");
                default -> json.replaceAll(":\\s*\"([^\"]*)\"", ":null");
            };
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
