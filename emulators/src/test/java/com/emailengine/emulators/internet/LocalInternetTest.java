package com.emailengine.emulators.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.dns.DnsRecord;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The whole local internet, used the way the sender fleet will: MX lookup, then SMTP to what it found. */
class LocalInternetTest {

    @TempDir
    Path mailRoot;
    LocalInternet internet;

    @BeforeEach
    void start() throws Exception {
        internet = LocalInternet.start(LocalInternetSettings
                .of(new InetSocketAddress("127.0.3.53", 0), 0, MailProvider.defaultProviders("127.0.3"))
                .withMailRoot(mailRoot));
    }

    @AfterEach
    void stop() {
        internet.close();
    }

    @Test
    void resolvesGmailMxThroughDnsjavaAndDeliversToTheAddressFound() throws Exception {
        MXRecord mx = (MXRecord) lookup("gmail.test.", Type.MX)[0];
        ARecord a = (ARecord) lookup(mx.getTarget().toString(), Type.A)[0];
        String raw = "From: news@sender.test\r\nTo: alice@gmail.test\r\nSubject: via MX\r\n\r\nhello\r\n";

        Properties properties = new Properties();
        properties.put("mail.smtp.host", a.getAddress().getHostAddress());
        properties.put("mail.smtp.port", String.valueOf(internet.smtpPort()));
        properties.put("mail.smtp.localaddress", "127.0.1.7");
        properties.put("mail.smtp.localhost", "fleet-7.sender.test");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))),
                    InternetAddress.parse("alice@gmail.test"));
        }

        assertThat(mx.getTarget()).hasToString("mx1.gmail.test.");
        assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.3.1");
        ReceivedMail mail = internet.sink("gmail").awaitReceived(1, Duration.ofSeconds(10)).getFirst();
        assertThat(mail.clientAddress().getHostAddress()).isEqualTo("127.0.1.7");
        assertThat(mail.contentAsString()).isEqualTo(raw);
        assertThat(mail.emlFile().orElseThrow().getParent()).isEqualTo(mailRoot.resolve("gmail"));
        assertThat(Files.readString(mail.emlFile().orElseThrow()))
                .startsWith("Received: from fleet-7.sender.test ([127.0.1.7])\r\n\tby mx1.gmail.test with ESMTP id ");
        assertThat(internet.sinks()).filteredOn(s -> !s.name().equals("gmail")).allSatisfy(s -> assertThat(s.received()).isEmpty());
    }

    @Test
    void publishesAnMxAndAnAddressForEveryProviderDomain() throws Exception {
        for (MailProvider provider : internet.providers()) {
            for (String domain : provider.domains()) {
                MXRecord mx = (MXRecord) lookup(domain + ".", Type.MX)[0];
                ARecord a = (ARecord) lookup(mx.getTarget().toString(), Type.A)[0];
                assertThat(mx.getTarget()).hasToString("mx1." + domain + ".");
                assertThat(a.getAddress()).isEqualTo(provider.sinkAddress());
                assertThat(internet.sinkForDomain(domain)).contains(internet.sink(provider.name()));
            }
        }
    }

    @Test
    void everySinkListensOnItsOwnAddressAndTheOneSharedPortAndWritesItsOwnFolder() {
        assertThat(internet.sinks()).extracting(s -> s.address().getPort()).containsOnly(internet.smtpPort());
        assertThat(internet.sinks()).extracting(s -> s.address().getAddress().getHostAddress())
                .containsExactly("127.0.3.1", "127.0.3.2", "127.0.3.3", "127.0.3.4");
        assertThat(internet.sinks()).extracting(s -> s.mailFolder().orElseThrow())
                .containsExactly(mailRoot.resolve("gmail"), mailRoot.resolve("outlook"), mailRoot.resolve("yahoo"), mailRoot.resolve("example"));
        assertThat(internet.sink("outlook").settings().hostName()).isEqualTo("mx1.outlook.test");
    }

    @Test
    void servesRecordsOtherCodeAddsAfterStart() throws Exception {
        internet.zone().addZone("sender.test");
        internet.zone().add(new DnsRecord("ee1._domainkey.sender.test", DnsRecord.Type.TXT, 300, LoopbackDnsServerTest.LONG_TXT));

        TXTRecord txt = (TXTRecord) lookup("ee1._domainkey.sender.test.", Type.TXT)[0];

        assertThat(String.join("", txt.getStrings())).isEqualTo(LoopbackDnsServerTest.LONG_TXT);
    }

    @Test
    void namesTheKnownProvidersWhenAskedForAnUnknownOne() {
        assertThatThrownBy(() -> internet.sink("aol")).hasMessageContaining("gmail").hasMessageContaining("example");
        assertThat(internet.sinkForDomain("aol.test")).isEmpty();
    }

    @Test
    void refusesSettingsWhereTwoProvidersClaimOneDomain() throws Exception {
        List<MailProvider> clash = List.of(
                new MailProvider("a", List.of("shared.test"), InetAddress.getByName("127.0.3.5")),
                new MailProvider("b", List.of("Shared.Test."), InetAddress.getByName("127.0.3.6")));

        assertThatThrownBy(() -> LocalInternetSettings.of(new InetSocketAddress("127.0.3.53", 0), 0, clash))
                .hasMessageContaining("shared.test");
    }

    @Test
    void defaultProvidersSitOnTheFourFirstAddressesOfThePrefix() {
        assertThat(MailProvider.defaultProviders("127.0.2"))
                .extracting(p -> p.name() + " " + p.domains() + " " + p.sinkAddress().getHostAddress())
                .containsExactly(
                        "gmail [gmail.test, googlemail.test] 127.0.2.1",
                        "outlook [outlook.test, hotmail.test] 127.0.2.2",
                        "yahoo [yahoo.test] 127.0.2.3",
                        "example [example.test] 127.0.2.4");
        assertThatThrownBy(() -> MailProvider.defaultProviders("10.0.0")).isInstanceOf(IllegalArgumentException.class);
    }

    private Record[] lookup(String name, int type) throws Exception {
        Lookup lookup = new Lookup(name, type);
        SimpleResolver resolver = new SimpleResolver(internet.dnsAddress());
        resolver.setTimeout(Duration.ofSeconds(5));
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] answers = lookup.run();
        assertThat(lookup.getResult()).as(name + " " + Type.string(type) + ": " + lookup.getErrorString()).isEqualTo(Lookup.SUCCESSFUL);
        Arrays.sort(answers, Comparator.comparing(Record::toString));
        return answers;
    }
}
