package com.emailengine.core.dkim;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives Debian's python3-dkim through src/test/resources/dkim/pydkim.py: an implementation we
 * did not write, used as the independent peer for signing and verifying. One Python process
 * serves all requests of a test class (importing dkimpy alone takes 0.4 s).
 */
final class PythonDkim implements AutoCloseable {

    /** The Debian interpreter; the pyenv python3 first on PATH does not see Debian's packages. */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String PACKAGES = "install the Debian packages python3-dkim and python3-nacl";
    private static final int MISSING_PACKAGES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Verification(int index, boolean pass, String domain, String error) {
    }

    private final Process process;
    private final Path stderr;
    private final OutputStream requests;
    private final BufferedReader responses;

    PythonDkim(Path workDir) {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: " + PACKAGES + " (they bring the interpreter)");
        }
        try {
            Path script = Path.of(PythonDkim.class.getResource("/dkim/pydkim.py").toURI());
            stderr = Files.createTempFile(workDir, "pydkim", ".err");
            process = new ProcessBuilder(PYTHON.toString(), script.toString(), "serve")
                    .redirectError(stderr.toFile()).start();
            requests = process.getOutputStream();
            responses = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One result per DKIM-Signature field, top to bottom. */
    List<Verification> verify(byte[] message, Map<String, String> txtRecords) {
        ObjectNode request = JSON.createObjectNode().put("op", "verify").put("message", base64(message));
        request.set("dns", JSON.valueToTree(txtRecords));
        JsonNode response = call(request);
        List<Verification> results = new ArrayList<>();
        for (JsonNode r : response.get("results")) {
            results.add(new Verification(r.get("index").asInt(), r.get("pass").asBoolean(), r.get("domain").asText(), r.get("error").asText()));
        }
        return results;
    }

    /** The message with a DKIM-Signature field made by dkimpy prepended. */
    byte[] sign(byte[] message, DkimKey key, String canonicalization) {
        ObjectNode request = JSON.createObjectNode().put("op", "sign").put("message", base64(message))
                .put("key_pem", DkimKeyFiles.toPem(key)).put("selector", key.selector()).put("domain", key.domain())
                .put("algorithm", key.algorithm().tag()).put("canon", canonicalization);
        return Base64.getDecoder().decode(call(request).get("signed").asText());
    }

    List<byte[]> canonicalizeBodies(DkimCanonicalization c, List<byte[]> bodies) {
        ObjectNode request = JSON.createObjectNode().put("op", "canon-body").put("algorithm", c.tag());
        bodies.forEach(b -> request.withArray("bodies").add(base64(b)));
        List<byte[]> out = new ArrayList<>();
        call(request).get("bodies").forEach(b -> out.add(Base64.getDecoder().decode(b.asText())));
        return out;
    }

    private synchronized JsonNode call(ObjectNode request) {
        try {
            requests.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            String line = responses.readLine();
            if (line == null) {
                process.waitFor(10, TimeUnit.SECONDS);
                String err = Files.readString(stderr).strip();
                if (!process.isAlive() && process.exitValue() == MISSING_PACKAGES) {
                    fail(PYTHON + " cannot import dkim or nacl: " + PACKAGES + " (" + err + ")");
                }
                fail("pydkim.py ended unexpectedly: " + err);
            }
            JsonNode response = JSON.readTree(line);
            if (response.has("error")) {
                fail("pydkim.py " + request.get("op").asText() + " failed: " + response.get("error").asText());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("talking to pydkim.py: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() {
        try {
            requests.close(); // end of input: pydkim.py serve returns
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
