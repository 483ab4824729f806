package com.emailengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.emulators.fixtures.PythonDkim;
import com.emailengine.emulators.internet.ReceivedMail;
import com.emailengine.emulators.internet.SmtpSink;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.runtime.FleetSettingKeys;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable daemon, {@code java -jar email-engine-sender-fleet.jar <settings file>}, as a node runs it: the shaded
 * jar alone (trimmed BouncyCastle, services merged, the Prometheus client without its protobuf format) takes a message
 * of the local cloud, signs it RSA + Ed25519 and delivers it; dkimpy verifies both signatures.
 */
class FleetJarTest {

    private static final Path JAR = Path.of("../sender-fleet/target/email-engine-sender-fleet.jar");
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dkim;
    @TempDir
    Path work;

    @Test
    void theShadedJarDeliversASignedMessageOnItsOwn() throws Exception {
        assertThat(JAR).as("built by the sender-fleet module's package phase").isRegularFile();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(Path.of("../config/local"), dkim, "127.0.14")
                .withFleetNodes(0))) {
            Map<String, String> settings = cloud.fleetNodeSettings("jar-node");
            settings.put(FleetSettingKeys.METRICS, "off");
            settings.put(FleetSettingKeys.BOUNCE_LISTENER, "off");
            Path file = work.resolve("fleet.env");
            Files.writeString(file, settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
            ProcessBuilder daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString(), file.toString()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("daemon.log").toFile());
            daemon.environment().keySet().removeIf(key -> key.startsWith("EE_"));
            Process node = daemon.start();
            try {
                String email = "jar." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
                post(cloud, email);
                awaitSent(cloud, email, work.resolve("daemon.log"));

                ReceivedMail mail = cloud.internet().sinks().stream().map(SmtpSink::received).flatMap(List::stream)
                        .filter(m -> m.recipients().contains(email)).findFirst().orElseThrow();
                List<PythonDkim.Result> signatures = new PythonDkim(cloud.internet().dnsAddress()).verify(mail.content());
                assertThat(signatures).extracting(PythonDkim.Result::algorithm)
                        .containsExactlyInAnyOrder("rsa-sha256", "ed25519-sha256");
                assertThat(signatures).allMatch(PythonDkim.Result::pass);
            } finally {
                node.destroy();
                assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the daemon stops on SIGTERM").isTrue();
            }
        }
    }

    private static void post(LocalCloud cloud, String email) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(cloud.apiEndpoint().resolve(RouteTable.INGEST_PATH))
                    .header("content-type", "application/json").header("x-ee-source", "manual")
                    .header("authorization", "Bearer " + cloud.sourceKey("manual"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
                            + "\",\"first_name\":\"Ana\",\"language\":\"en\",\"tenant\":\"sos-expat\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
    }

    private static void awaitSent(LocalCloud cloud, String email, Path log) throws Exception {
        EmailHash id = EmailHash.of(EmailAddress.parse(email));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (cloud.dependencies().contacts().find("sos-expat", id).map(c -> c.status() == ContactStatus.SENT).orElse(false)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not sent within " + DEADLINE + "; the daemon said:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }
}
