package com.emailengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.dns.DnsRecord.Type;
import com.emailengine.core.dns.DnsRecord;
import com.emailengine.emulators.internet.DnsZone;
import com.emailengine.emulators.internet.LoopbackDnsServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();
    private final ObjectMapper json = new ObjectMapper();

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : console.out().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void printsOneJsonLinePerAddressWithVerdictAndReasons() throws Exception {
        int exit = EmailEngineCli.execute("validate", "--offline", "anna@gmail.com", "info@firm.fr", "x@mailinator.com",
                "\"quoted\"@example.org", "anna@gmial.com", "用户@例子.广告");

        assertThat(exit).as(console.err()).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.path("verdict").asText())
                .containsExactly("valid", "risky", "invalid", "invalid", "invalid", "valid");
        assertThat(lines.get(1).path("reasons").get(0).asText()).isEqualTo("role_account");
        assertThat(lines.get(3).path("reasons").get(0).asText()).isEqualTo("quoted_local_part");
        assertThat(lines.get(3).path("address").isNull()).isTrue();
        assertThat(lines.get(4).path("suggestion").asText()).isEqualTo("anna@gmail.com");
        assertThat(lines.get(5).path("ascii").asText()).isEqualTo("用户@xn--fsqu00a.xn--4rr70v");
        assertThat(lines.get(5).path("smtputf8").asBoolean()).isTrue();
        assertThat(console.err()).contains("validated 6 addresses: 2 valid, 1 risky, 3 invalid, 0 unknown (offline");
    }

    @Test
    void readsTheEmailColumnOfACsvFileAndNamesEachLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("contacts.csv");
        Files.writeString(csv, "name,email,city\n\"Doe, Jane\",jane@gmail.com,Lyon\nBob,bob@@gmail.com,Paris\n\nZoé\n");

        assertThat(EmailEngineCli.execute("validate", "--offline", "--file", csv.toString())).isZero();

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.path("line").asInt()).containsExactly(2, 3, 5);
        assertThat(lines).extracting(l -> l.path("input").asText()).containsExactly("jane@gmail.com", "bob@@gmail.com", "");
        assertThat(lines).extracting(l -> l.path("verdict").asText()).containsExactly("valid", "invalid", "invalid");
    }

    @Test
    void withoutOfflineItAsksDnsForTheMailRoute() throws Exception {
        DnsZone zone = new DnsZone();
        zone.addZone("cli.test");
        zone.addAll(List.of(new DnsRecord("ok.cli.test", Type.MX, 60, "10 mx.ok.cli.test."),
                new DnsRecord("mx.ok.cli.test", Type.A, 60, "127.0.7.31"),
                new DnsRecord("nomail.cli.test", Type.MX, 60, "0 .")));
        try (LoopbackDnsServer dns = LoopbackDnsServer.start(zone, new InetSocketAddress("127.0.7.3", 0))) {
            int exit = EmailEngineCli.execute("validate", "--dns", "127.0.7.3:" + dns.address().getPort(),
                    "a@ok.cli.test", "b@nomail.cli.test", "c@gone.cli.test");

            assertThat(exit).isZero();
        }
        assertThat(lines()).extracting(l -> l.path("verdict").asText() + " " + l.path("reasons"))
                .containsExactly("valid []", "invalid [\"null_mx\"]", "invalid [\"nxdomain\"]");
    }

    @Test
    void aMissingFileIsOneLineNamingIt() {
        assertThat(EmailEngineCli.execute("validate", "--file", "/nonexistent/contacts.csv")).isEqualTo(1);

        assertThat(console.err()).startsWith("email-engine: no file /nonexistent/contacts.csv").hasLineCount(1);
    }

    @Test
    void nothingToValidateIsOneLineSayingWhatToGive() {
        assertThat(EmailEngineCli.execute("validate")).isEqualTo(1);

        assertThat(console.err()).contains("give addresses or --file FILE").hasLineCount(1);
    }
}
