package com.emailengine.local.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent DKIM verifier for the tests: Debian's python3-dkim (dkimpy), reading the published keys
 * from the local DNS server through dnspython, exactly as a receiving server would.
 */
public final class PythonDkim {

    /** One signature's verdict as dkimpy gives it. */
    public record Result(int index, boolean pass, String domain, String selector, String algorithm) {
    }

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private final Path script;
    private final InetSocketAddress dns;

    public PythonDkim(InetSocketAddress dns) throws IOException, InterruptedException {
        this.dns = dns;
        this.script = Files.createTempFile("dkim_verify", ".py");
        try (InputStream in = PythonDkim.class.getResourceAsStream("/e2e/dkim_verify.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import dkim, nacl, dns.message").redirectErrorStream(true).start();
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException("/usr/bin/python3 cannot import dkim, nacl and dns: install the Debian packages "
                    + "python3-dkim python3-nacl python3-dnspython (bin/test does it)");
        }
    }

    public List<Result> verify(byte[] message) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), dns.getHostString(),
                Integer.toString(dns.getPort())).start();
        process.getOutputStream().write(message);
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("dkimpy failed: " + err);
        }
        return new ObjectMapper().readValue(out, new TypeReference<>() { });
    }
}
