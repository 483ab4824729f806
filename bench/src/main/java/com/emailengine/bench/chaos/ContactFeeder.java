package com.emailengine.bench.chaos;

import com.emailengine.core.json.Json;
import com.emailengine.platform.api.RouteTable;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Posts the run's contacts in batches, as a scraper does, through whatever is alive: a batch whose answer did not come
 * (the function host killed in the middle, or not yet back) is posted again until one does. A contact counts as
 * accepted when an answer said {@code accepted}, or {@code duplicate} after such a retry (the lost answer had taken it).
 */
final class ContactFeeder {

    private static final List<String> PROVIDERS = List.of("gmail.test", "outlook.test", "yahoo.test", "example.test");
    private static final List<String> TENANTS = List.of("sos-expat", "ulixai");

    private final Supplier<URI> api;
    private final Supplier<String> key;
    private final String run;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private volatile int retries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ContactFeeder(Supplier<URI> api, Supplier<String> key, String run) {
        this.api = api;
        this.key = key;
        this.run = run;
    }

    static String address(String run, int n) {
        return "chaos" + n + "." + run + "@" + PROVIDERS.get(n % PROVIDERS.size());
    }

    /** Posts contacts {@code from} (inclusive) to {@code to} (exclusive) as one batch, until an answer comes. */
    void post(int from, int to) throws InterruptedException {
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int n = from; n < to; n++) {
            contacts.add(Map.of("email", address(run, n), "first_name", "Chaos" + n, "language", n % 3 == 0 ? "fr" : "en",
                    "tenant", TENANTS.get(n % TENANTS.size())));
        }
        String body = Json.write(Map.of("source", "manual", "contacts", contacts));
        boolean retried = false;
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.get().resolve(RouteTable.INGEST_PATH))
                        .timeout(Duration.ofSeconds(30)).header("content-type", "application/json").header("x-ee-source", "manual")
                        .header("authorization", "Bearer " + key.get())
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202 || response.statusCode() == 422) {
                    record(Json.MAPPER.readTree(response.body()), retried);
                    return;
                }
                // 429, 5xx, a gateway without its function: the answer is not the contacts'.
            } catch (java.io.IOException e) {
                // Refused or cut: the function host is down or was killed while answering.
            }
            retried = true;
            retries++;
            Thread.sleep(1_000);
        }
    }

    private void record(JsonNode answer, boolean retried) {
        for (JsonNode result : answer.path("results")) {
            String email = result.path("email").asText();
            String status = result.path("status").asText();
            if (status.equals("accepted") || (retried && status.equals("duplicate"))) {
                accepted.add(email);
            } else {
                rejected.add(email + " " + status + " " + result.path("error").path("code").asText(""));
            }
        }
    }

    Set<String> accepted() {
        return accepted;
    }

    Set<String> rejected() {
        return rejected;
    }

    int retries() {
        return retries;
    }
}
