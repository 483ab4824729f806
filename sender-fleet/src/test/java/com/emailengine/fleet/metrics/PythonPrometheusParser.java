package com.emailengine.fleet.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An independent reader of the exposition for the tests: the Prometheus project's own Python client
 * (Debian python3-prometheus-client), so that what the node serves is judged by a parser that is not
 * the library writing it.
 */
final class PythonPrometheusParser {

    /** One sample as the parser names it: a counter's carries the {@code _total} its family name drops. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help, List<Sample> samples) {
    }

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private final Path script;

    PythonPrometheusParser() throws IOException, InterruptedException {
        script = Files.createTempFile("prometheus_parse", ".py");
        try (InputStream in = PythonPrometheusParser.class.getResourceAsStream("/fixtures/prometheus_parse.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import prometheus_client.parser, prometheus_client.openmetrics.parser")
                .redirectErrorStream(true).start();
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException("/usr/bin/python3 cannot import prometheus_client: install the Debian package "
                    + "python3-prometheus-client (bin/test does it)");
        }
    }

    /** Parses a scrape in the format its Content-Type names: {@code text} (0.0.4) or {@code openmetrics}. */
    List<Family> parse(String format, String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), format).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("prometheus_client could not parse the " + format + " exposition: " + err);
        }
        return new ObjectMapper().readValue(out, new TypeReference<>() { });
    }
}
