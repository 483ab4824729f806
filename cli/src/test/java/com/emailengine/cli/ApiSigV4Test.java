package com.emailengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.json.Json;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** SigV4 for the API's operator routes, checked by an independent signer: botocore (Debian's awscli brings it). */
class ApiSigV4Test {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static final AwsBasicCredentials CREDENTIALS =
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    @Test
    void signsForTheRegionOfAnExecuteApiHostAndNotForTheLocalCloud() {
        assertThat(ApiSigV4.region(URI.create("https://a1b2c3d4e5.execute-api.eu-west-3.amazonaws.com/api"), null))
                .contains("eu-west-3");
        assertThat(ApiSigV4.region(URI.create("http://127.0.0.1:8080"), null)).isEmpty();
        assertThat(ApiSigV4.region(URI.create("https://mail-api.example.com"), "us-east-1")).contains("us-east-1");
    }

    @Test
    void theSignatureIsTheOneBotocoreComputesForTheSameRequest() throws Exception {
        URI uri = URI.create("https://a1b2c3d4e5.execute-api.eu-west-3.amazonaws.com/api/v2/tenants/sos-expat/imports/mailwizz"
                + "?file_name=promo%202024.html&language=fr");
        byte[] body = "<p>Bonjour [FNAME]</p>".getBytes(StandardCharsets.UTF_8);

        Map<String, String> signed = ApiSigV4.signedHeaders("POST", uri, Map.of("content-type", "text/html"), body, "eu-west-3",
                CREDENTIALS);

        String authorization = signed.get("Authorization");
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-3/execute-api/aws4_request");
        Map<String, String> headers = new LinkedHashMap<>(signed);
        headers.remove("Authorization");
        assertThat(authorization).endsWith(botocoreSignature("POST", uri, headers, body, "eu-west-3"));
    }

    @Test
    void importMailWizzSignsItsRequestWhenGivenARegion(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("promo.html"), "<p>Bonjour [FNAME]</p>");
        AtomicReference<Map<String, List<String>>> seen = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.set(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"error\":\"forbidden\",\"message\":\"not this time\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        System.setProperty("aws.accessKeyId", CREDENTIALS.accessKeyId());
        System.setProperty("aws.secretAccessKey", CREDENTIALS.secretAccessKey());
        try {
            int exit = EmailEngineCli.execute("templates", "import-mailwizz", dir.resolve("promo.html").toString(), "--tenant",
                    "sos-expat", "--api", "http://127.0.0.1:" + server.getAddress().getPort(), "--region", "eu-west-1");

            assertThat(exit).isEqualTo(1);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            server.stop(0);
        }
        assertThat(seen.get().get("Authorization")).singleElement().asString()
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-1/execute-api/aws4_request");
        assertThat(seen.get()).containsKey("X-amz-date");
        assertThat(console.err()).contains("the API answered 403");
    }

    /** The signed headers and signature botocore's SigV4Auth computes for the request, at the Java signer's time. */
    private static String botocoreSignature(String method, URI uri, Map<String, String> headers, byte[] body, String region)
            throws Exception {
        String script = String.join("\n",
                "import json, sys",
                "try:",
                "    import botocore",
                "except ImportError:",  // Debian's awscli 2 keeps its own botocore inside its package
                "    import awscli, os",
                "    sys.path.insert(0, os.path.dirname(awscli.__file__))",
                "from botocore.auth import SigV4Auth",
                "from botocore.awsrequest import AWSRequest",
                "from botocore.credentials import Credentials",
                "d = json.load(sys.stdin)",
                "request = AWSRequest(method=d['method'], url=d['url'], data=bytes.fromhex(d['body']), headers=d['headers'])",
                // add_auth would stamp the time of this run; the parts below sign at the Java signer's time.
                "request.context['timestamp'] = d['headers']['X-Amz-Date']",
                "auth = SigV4Auth(Credentials(d['key'], d['secret']), 'execute-api', d['region'])",
                "canonical = auth.canonical_request(request)",
                "signature = auth.signature(auth.string_to_sign(request, canonical), request)",
                "print('SignedHeaders=%s, Signature=%s' % (auth.signed_headers(auth.headers_to_sign(request)), signature))");
        Map<String, Object> input = Map.of("method", method, "url", uri.toString(), "body", HexFormat.of().formatHex(body),
                "headers", caseOf(headers), "region", region, "key", CREDENTIALS.accessKeyId(), "secret", CREDENTIALS.secretAccessKey());
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            throw new IllegalStateException("python3 is missing: install the Debian package awscli (bin/test does it)");
        }
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        try (var stdin = python.getOutputStream()) {
            stdin.write(Json.write(input).getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // python ended early: its output below says why
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("botocore (Debian package awscli, installed by bin/test): " + output).isZero();
        return output;
    }

    /** botocore looks the date up as X-Amz-Date; the Java signer writes it in its own case. */
    private static Map<String, String> caseOf(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name.equalsIgnoreCase("x-amz-date") ? "X-Amz-Date" : name, value));
        return out;
    }
}
