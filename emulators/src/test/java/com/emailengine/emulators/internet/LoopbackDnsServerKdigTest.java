package com.emailengine.emulators.internet;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.dns.DnsRecord.Type;
import com.emailengine.core.dns.DnsRecord;
import com.emailengine.emulators.fixtures.ExternalTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server as Knot's kdig, an independent DNS implementation, sees it. */
class LoopbackDnsServerKdigTest {

    DnsZone zone;
    LoopbackDnsServer server;
    ExternalTool kdig;

    @BeforeEach
    void start() throws IOException {
        kdig = ExternalTool.require("/usr/bin/kdig", "knot-dnsutils");
        zone = new DnsZone();
        zone.addZone("example.test");
        zone.addAll(List.of(
                new DnsRecord("example.test", Type.MX, 300, "10 mx1.example.test."),
                new DnsRecord("example.test", Type.MX, 300, "20 mx2.example.test."),
                new DnsRecord("sel1._domainkey.example.test", Type.TXT, 300, LoopbackDnsServerTest.LONG_TXT)));
        server = LoopbackDnsServer.start(zone, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+notcp", "+tcp"})
    void kdigSeesBothMxRecords(String transport) throws Exception {
        ExternalTool.Run run = dig(transport, "+noall", "+answer", "MX", "example.test");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> mx = new ArrayList<>();
        Matcher line = Pattern.compile("(?m)^example\\.test\\.\\s+300\\s+IN\\s+MX\\s+(\\d+ \\S+)$").matcher(run.output());
        while (line.find()) {
            mx.add(line.group(1));
        }
        assertThat(mx).as(run.output()).containsExactlyInAnyOrder("10 mx1.example.test.", "20 mx2.example.test.");
    }

    /** The TXT answer is about 700 bytes: it fits over TCP, or over UDP when kdig offers an EDNS buffer. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+tcp", "+bufsize=1232"})
    void kdigReassemblesTheLongTxtFromItsCharacterStrings(String transport) throws Exception {
        ExternalTool.Run run = dig(transport, "+noall", "+answer", "TXT", "sel1._domainkey.example.test");

        Matcher txt = Pattern.compile("IN\\s+TXT\\s+(.*)$", Pattern.MULTILINE).matcher(run.output());
        assertThat(txt.find()).as(run.output()).isTrue();
        List<String> strings = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(txt.group(1));
        while (quoted.find()) {
            strings.add(quoted.group(1));
        }
        assertThat(strings).hasSize(3);
        assertThat(strings.getFirst()).hasSize(255);
        assertThat(String.join("", strings)).isEqualTo(LoopbackDnsServerTest.LONG_TXT);
    }

    @Test
    void kdigRetriesOverTcpWhenThePlainUdpAnswerIsTruncated() throws Exception {
        ExternalTool.Run run = dig("+noedns", "TXT", "sel1._domainkey.example.test");

        assertThat(run.output()).contains("truncated reply");
        assertThat(run.output()).contains("@" + server.address().getPort() + "(TCP)");
        assertThat(run.output()).containsPattern("ANSWER: 1;");
        assertThat(server.counters().truncatedAnswers()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+notcp", "+tcp"})
    void kdigReportsNxdomainWithTheZoneSoaAsAuthority(String transport) throws Exception {
        ExternalTool.Run run = dig(transport, "MX", "nobody.example.test");

        assertThat(run.output()).contains("status: NXDOMAIN");
        assertThat(run.output()).containsPattern("Flags: qr aa");
        assertThat(run.output()).containsPattern("(?s)AUTHORITY SECTION:\\s+example\\.test\\.\\s+\\d+\\s+IN\\s+SOA\\s+ns\\.example\\.test\\.");
    }

    private ExternalTool.Run dig(String transport, String... query) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("@127.0.0.1", "-p", String.valueOf(server.address().getPort()),
                transport, "+timeout=5", "+retry=0"));
        arguments.addAll(List.of(query));
        return kdig.run(Duration.ofSeconds(30), arguments);
    }
}
