package com.emailengine.core.dns;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs src/test/resources/dns/zonecheck.py: dnspython and Python's ipaddress as independent judges. */
final class PythonDnsChecks {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    record ZoneEntry(String name, String type, long ttl, List<String> strings) {
    }

    /** A zone text dnspython accepted, as it read it; {@code error} holds its complaint otherwise. */
    record ZoneResult(List<ZoneEntry> entries, String error) {
    }

    private PythonDnsChecks() {
    }

    static ZoneResult loadZone(String zoneText) throws Exception {
        Result r = run("zone", zoneText);
        if (r.exit == 3) {
            fail(r.err.strip() + " (needed by /usr/bin/python3)");
        }
        if (r.exit != 0) {
            return new ZoneResult(List.of(), r.err.strip());
        }
        return new ZoneResult(JSON.readValue(r.out, new TypeReference<List<ZoneEntry>>() { }), "");
    }

    static List<String> collapse(List<String> addresses) throws Exception {
        Result r = run("collapse", JSON.writeValueAsString(addresses));
        if (r.exit != 0) {
            fail("zonecheck.py collapse failed: " + r.err);
        }
        return JSON.readValue(r.out, new TypeReference<List<String>>() { });
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String command, String stdin) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: install the Debian packages python3 and python3-dnspython");
        }
        Path script = Path.of(PythonDnsChecks.class.getResource("/dns/zonecheck.py").toURI());
        Path err = Files.createTempFile("zonecheck", ".err");
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), command).redirectError(err.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("zonecheck.py did not finish");
            }
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
