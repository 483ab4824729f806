package com.emailengine.emulators.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.dns.DnsRecord.Type;
import com.emailengine.core.dns.DnsRecord;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;

/** The server as dnsjava's own stub resolver sees it, over real UDP and TCP sockets. */
class LoopbackDnsServerTest {

    /** Longer than one 255-octet character-string, as a 2048-bit DKIM key is. */
    static final String LONG_TXT = "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(13);

    DnsZone zone;
    LoopbackDnsServer server;

    @BeforeEach
    void start() throws IOException {
        zone = new DnsZone();
        zone.addZone("example.test");
        zone.addAll(List.of(
                new DnsRecord("example.test", Type.MX, 300, "10 mx1.example.test."),
                new DnsRecord("mx1.example.test", Type.A, 300, "127.0.3.10"),
                new DnsRecord("sel1._domainkey.example.test", Type.TXT, 300, LONG_TXT),
                new DnsRecord("www.example.test", Type.CNAME, 300, "mx1.example.test."),
                new DnsRecord("elsewhere.example.test", Type.CNAME, 300, "mail.other.test."),
                new DnsRecord("nomail.example.test", Type.MX, 300, "0 ."),
                new DnsRecord("aonly.example.test", Type.A, 300, "127.0.3.11")));
        server = LoopbackDnsServer.start(zone, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void answersMxAuthoritatively(boolean tcp) throws IOException {
        Message response = ask("example.test.", org.xbill.DNS.Type.MX, tcp);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(MXRecord.class, mx -> {
            assertThat(mx.getPriority()).isEqualTo(10);
            assertThat(mx.getTarget()).hasToString("mx1.example.test.");
            assertThat(mx.getTTL()).isEqualTo(300);
        });
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void answersARecord(boolean tcp) throws IOException {
        Message response = ask("MX1.Example.Test.", org.xbill.DNS.Type.A, tcp);

        assertThat(response.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(ARecord.class,
                a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.3.10"));
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void splitsLongTxtIntoCharacterStringsOfAtMost255Octets(boolean tcp) throws IOException {
        Message response = ask("sel1._domainkey.example.test.", org.xbill.DNS.Type.TXT, tcp);

        TXTRecord txt = (TXTRecord) response.getSection(Section.ANSWER).getFirst();
        List<String> strings = txt.getStrings();
        assertThat(LONG_TXT.length()).isGreaterThan(510);
        assertThat(strings).hasSize(3);
        assertThat(strings.subList(0, 2)).allSatisfy(s -> assertThat(s).hasSize(255));
        assertThat(String.join("", strings)).isEqualTo(LONG_TXT);
    }

    @Test
    void followsCnameToItsTargetInsideTheZone() throws IOException {
        Message response = ask("www.example.test.", org.xbill.DNS.Type.A, false);

        List<Record> answer = response.getSection(Section.ANSWER);
        assertThat(answer).hasSize(2);
        assertThat(answer.get(0)).isInstanceOfSatisfying(CNAMERecord.class,
                c -> assertThat(c.getTarget()).hasToString("mx1.example.test."));
        assertThat(answer.get(1)).isInstanceOfSatisfying(ARecord.class,
                a -> assertThat(a.getName()).hasToString("mx1.example.test."));
    }

    @Test
    void answersOnlyTheCnameWhenItsTargetLiesOutsideTheZone() throws IOException {
        Message response = ask("elsewhere.example.test.", org.xbill.DNS.Type.A, false);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).singleElement().isInstanceOf(CNAMERecord.class);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void answersNxdomainWithSoaForUnknownNameInsideAZone(boolean tcp) throws IOException {
        Message response = ask("nobody.example.test.", org.xbill.DNS.Type.MX, tcp);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.getSection(Section.AUTHORITY)).singleElement().isInstanceOfSatisfying(SOARecord.class,
                soa -> assertThat(soa.getName()).hasToString("example.test."));
    }

    @Test
    void answersNodataWithSoaForAnExistingNameWithoutTheAskedType() throws IOException {
        Message response = ask("aonly.example.test.", org.xbill.DNS.Type.MX, false);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void answersNodataForAnEmptyNonTerminal() throws IOException {
        Message response = ask("_domainkey.example.test.", org.xbill.DNS.Type.TXT, false);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void refusesNamesOutsideEveryZone(boolean tcp) throws IOException {
        Message response = ask("gmail.com.", org.xbill.DNS.Type.MX, tcp);

        assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(response.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void servesNullMxAsPreferenceZeroToTheRoot() throws IOException {
        Message response = ask("nomail.example.test.", org.xbill.DNS.Type.MX, false);

        assertThat(response.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(MXRecord.class, mx -> {
            assertThat(mx.getPriority()).isZero();
            assertThat(mx.getTarget()).isEqualTo(Name.root);
        });
    }

    @Test
    void answersTheSynthesizedSoaAtTheApexWithASerialThatRisesOnChange() throws IOException {
        SOARecord before = (SOARecord) ask("example.test.", org.xbill.DNS.Type.SOA, false).getSection(Section.ANSWER).getFirst();
        zone.add(new DnsRecord("new.example.test", Type.A, 60, "127.0.3.12"));
        SOARecord after = (SOARecord) ask("example.test.", org.xbill.DNS.Type.SOA, false).getSection(Section.ANSWER).getFirst();

        assertThat(after.getSerial()).isGreaterThan(before.getSerial());
        assertThat(ask("new.example.test.", org.xbill.DNS.Type.A, false).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void leavesNameWithTimeoutFaultUnansweredSoTheClientTimesOut() throws IOException {
        zone.simulateTimeout("example.test");
        SimpleResolver resolver = resolver(false);
        resolver.setTimeout(Duration.ofMillis(300));
        Message query = Message.newQuery(Record.newRecord(Name.fromString("example.test."), org.xbill.DNS.Type.MX, DClass.IN));

        assertThatThrownBy(() -> resolver.send(query)).isInstanceOf(IOException.class);
        assertThat(server.counters().unanswered()).isGreaterThanOrEqualTo(1);

        zone.clearFault("example.test.");
        assertThat(ask("example.test.", org.xbill.DNS.Type.MX, false).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void answersServfailForNameWithServfailFault() throws IOException {
        zone.simulateServfail("aonly.example.test");

        assertThat(ask("aonly.example.test.", org.xbill.DNS.Type.A, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(ask("mx1.example.test.", org.xbill.DNS.Type.A, false).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void timeoutFaultAppliesToNamesOutsideEveryZoneToo() throws IOException {
        zone.simulateServfail("unreachable.invalid");

        assertThat(ask("unreachable.invalid.", org.xbill.DNS.Type.MX, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void truncatesAnUdpAnswerLargerThan512BytesForAClientWithoutEdns() throws IOException {
        publishManyAddresses();
        SimpleResolver resolver = resolver(false);
        resolver.setEDNS(-1, 0, 0, List.of());
        resolver.setIgnoreTruncation(true);

        Message response = resolver.send(query("many.example.test.", org.xbill.DNS.Type.A));

        assertThat(response.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.numBytes()).isLessThanOrEqualTo(512);
        assertThat(server.counters().truncatedAnswers()).isEqualTo(1);
    }

    @Test
    void clientRetriesATruncatedAnswerOverTcpAndGetsItWhole() throws IOException {
        publishManyAddresses();
        SimpleResolver resolver = resolver(false);
        resolver.setEDNS(-1, 0, 0, List.of());

        Message response = resolver.send(query("many.example.test.", org.xbill.DNS.Type.A));

        assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(response.getSection(Section.ANSWER)).hasSize(60);
        assertThat(server.counters().udpQueries()).isEqualTo(1);
        assertThat(server.counters().tcpQueries()).isEqualTo(1);
    }

    @Test
    void sendsTheWholeAnswerOverUdpWhenTheClientsEdnsPayloadAllowsIt() throws IOException {
        publishManyAddresses();
        SimpleResolver resolver = resolver(false);
        resolver.setEDNS(0, 4096, 0, List.of());
        resolver.setIgnoreTruncation(true);

        Message response = resolver.send(query("many.example.test.", org.xbill.DNS.Type.A));

        assertThat(response.numBytes()).isGreaterThan(512);
        assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(response.getSection(Section.ANSWER)).hasSize(60);
        assertThat(response.getOPT()).isNotNull();
        assertThat(server.counters().tcpQueries()).isZero();
    }

    @Test
    void answersFormerrWithTheRequestIdForGarbage() throws IOException {
        ByteBuffer garbage = ByteBuffer.allocate(24);
        garbage.putShort((short) 0x1234).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        garbage.put(new byte[] {(byte) 0xff, (byte) 0xfe, 0x07, 'g', 'a', 'r', 'b', 'a', 'g', 'e', 0, 1});

        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5_000);
            socket.send(new DatagramPacket(garbage.array(), garbage.capacity(), server.address()));
            byte[] buffer = new byte[512];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            Message response = new Message(java.util.Arrays.copyOf(buffer, reply.getLength()));

            assertThat(response.getHeader().getID()).isEqualTo(0x1234);
            assertThat(response.getHeader().getFlag(Flags.QR)).isTrue();
            assertThat(response.getRcode()).isEqualTo(Rcode.FORMERR);
        }
    }

    @Test
    void answersBadversForAnUnknownEdnsVersion() throws IOException {
        // dnsjava refuses to build EDNS version 1 itself, so the OPT record is put in by hand.
        Message query = query("example.test.", org.xbill.DNS.Type.MX);
        query.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);

        Message response = resolver(false).send(query);

        assertThat(response.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
    }

    private void publishManyAddresses() {
        // 60 A records: about 1 KB on the wire, more than 512 and less than 1232.
        List<DnsRecord> records = new java.util.ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            records.add(new DnsRecord("many.example.test", Type.A, 60, "127.0.4." + i));
        }
        zone.addAll(records);
    }

    private Message ask(String name, int type, boolean tcp) throws IOException {
        return resolver(tcp).send(query(name, type));
    }

    private static Message query(String name, int type) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    private SimpleResolver resolver(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }
}
