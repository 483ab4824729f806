package com.emailengine.cli;

import com.emailengine.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --api}, {@code --region} and {@code --operator-key-file}, mixed into every command that calls the engine's
 * API, and the call itself: signed with SigV4 for an AWS stage (D30), with the local operator's key otherwise (D42).
 * Answers that are not 2xx become one message naming what to do, never a stack trace.
 */
final class ApiOption {

    @Option(names = "--api", description = "the engine's API (default: ${DEFAULT-VALUE}, the local cloud)",
            defaultValue = "http://127.0.0.1:8080")
    String api;

    @Option(names = "--region", description = "sign requests with SigV4 for this AWS region (the API's operator routes "
            + "need AWS IAM; default: the region of an execute-api URL, none for the local cloud)")
    String region;

    @Option(names = "--operator-key-file", description = "the local cloud's operator key (default: the admin's, "
            + "local-data/operator-keys/admin.key, when it exists); not used with SigV4")
    Path operatorKeyFile;

    /** An answer with a 2xx status. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("the API answered something that is not JSON: " + body);
            }
        }
    }

    /**
     * @param what names the request in a refusal ("campaign welcome"), so the message says what failed
     * @throws IllegalArgumentException for an answer other than 2xx, naming status, code and message
     */
    Answer call(String method, String pathAndQuery, String contentType, byte[] body, String what) {
        URI target = URI.create(api.replaceAll("/+$", "") + pathAndQuery);
        byte[] payload = body == null ? new byte[0] : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, String> plain = new LinkedHashMap<>();
        if (contentType != null) {
            plain.put("content-type", contentType);
        }
        Optional<String> signingRegion = ApiSigV4.region(target, region);
        if (signingRegion.isPresent()) {
            ApiSigV4.signedHeaders(method, target, plain, payload, signingRegion.get(), ApiSigV4.credentials())
                    .forEach(request::header);
        } else {
            operatorKey().ifPresent(key -> plain.put("authorization", "Bearer " + key));
            plain.forEach(request::header);
        }
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the API at " + api + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is the engine running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() == 401) {
            throw new IllegalArgumentException(what + ": the local API answered 401: give the operator's key "
                    + "with --operator-key-file (the local cloud makes them in local-data/operator-keys/)");
        }
        if (response.statusCode() == 403 && signingRegion.isEmpty()) {
            throw new IllegalArgumentException(what + ": the API answered 403: its operator routes need "
                    + "SigV4; give --region (and AWS credentials allowed by the ee-<stage>-operator-api policy)");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalArgumentException(what + ": the API answered " + response.statusCode() + ": " + refusal(response.body()));
        }
        return new Answer(response.statusCode(), response.body());
    }

    /** The local cloud's operator key: the one given, else the admin's of this checkout when it exists. */
    private Optional<String> operatorKey() {
        Path file = operatorKeyFile != null ? operatorKeyFile
                : EmailEngineCli.home().resolve("local-data/operator-keys/admin.key");
        if (!Files.isRegularFile(file)) {
            if (operatorKeyFile != null) {
                throw new IllegalArgumentException("no operator key file " + file);
            }
            return Optional.empty();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator key " + file, e);
        }
    }

    /** The error's code and message, and each of its problems on a line of its own. */
    private static String refusal(String body) {
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            if (error.isMissingNode()) {
                return body;
            }
            StringBuilder out = new StringBuilder(error.path("code").asText("")).append(": ").append(error.path("message").asText(body));
            error.path("problems").forEach(problem -> out.append("\n  ").append(problem.path("part").asText())
                    .append(": ").append(problem.path("message").asText()));
            return out.toString();
        } catch (IOException e) {
            return body;
        }
    }
}
