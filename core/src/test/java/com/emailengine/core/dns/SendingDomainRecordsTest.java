package com.emailengine.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.dkim.DkimAlgorithm;
import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.dns.DmarcPolicy.Alignment;
import com.emailengine.core.dns.DmarcPolicy.Disposition;
import com.emailengine.core.names.DomainName;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SendingDomainRecordsTest {

    static DkimKey rsa;
    static DkimKey ed25519;
    static List<InetAddress> fiftyAddresses;

    @BeforeAll
    static void tenant() throws Exception {
        rsa = DkimKey.generate("example.com", "ee1r", DkimAlgorithm.RSA_SHA256);
        ed25519 = DkimKey.generate("example.com", "ee1e", DkimAlgorithm.ED25519_SHA256);
        fiftyAddresses = AddressBlocksTest.range("203.0.113.", 10, 59);
    }

    private static SendingDomainRecords typical(List<InetAddress> addresses) {
        return new SendingDomainRecords(DomainName.of("example.com"), List.of(rsa, ed25519), addresses, List.of(),
                Optional.of(ReturnPathDomain.of("bounce.example.com", "mx.bounces.email-engine.example")),
                DmarcPolicy.of(Disposition.REJECT, "dmarc-reports@example.com"));
    }

    @Test
    void publishesDkimSpfDmarcAndTheBounceMxForATypicalTenant() {
        String spf = "v=spf1 ip4:203.0.113.10/31 ip4:203.0.113.12/30 ip4:203.0.113.16/28 ip4:203.0.113.32/28"
                + " ip4:203.0.113.48/29 ip4:203.0.113.56/30 -all";

        List<DnsRecord> records = typical(fiftyAddresses).records();

        assertThat(records).containsExactly(
                new DnsRecord("ee1r._domainkey.example.com", DnsRecord.Type.TXT, 3600, rsa.dnsTxtValue()),
                new DnsRecord("ee1e._domainkey.example.com", DnsRecord.Type.TXT, 3600, ed25519.dnsTxtValue()),
                new DnsRecord("example.com", DnsRecord.Type.TXT, 3600, spf),
                new DnsRecord("_dmarc.example.com", DnsRecord.Type.TXT, 3600, "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"),
                new DnsRecord("bounce.example.com", DnsRecord.Type.MX, 3600, "10 mx.bounces.email-engine.example."),
                new DnsRecord("bounce.example.com", DnsRecord.Type.TXT, 3600, spf));
        assertThat(typical(fiftyAddresses).spf().dnsLookups()).isZero();
    }

    /** dnspython loads the zone text we produce, and joins each TXT record back to our one logical string. */
    @Test
    void producesZoneTextThatDnspythonLoadsWithLongValuesSplit() throws Exception {
        List<DnsRecord> records = typical(fiftyAddresses).records(300);
        String zone = records.stream().map(TxtCharacterStrings::zoneFileLine).collect(Collectors.joining("\n", "", "\n"));

        PythonDnsChecks.ZoneResult loaded = PythonDnsChecks.loadZone(zone);

        assertThat(loaded.error()).isEmpty();
        assertThat(loaded.entries()).hasSize(records.size()).allSatisfy(e -> assertThat(e.ttl()).isEqualTo(300));
        for (DnsRecord r : records) {
            assertThat(loaded.entries()).anySatisfy(e -> {
                assertThat(e.name()).isEqualTo(r.name());
                assertThat(e.type()).isEqualTo(r.type().name());
                assertThat(String.join("", e.strings())).isEqualTo(r.value());
                assertThat(e.strings()).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
            });
        }
        PythonDnsChecks.ZoneEntry rsaEntry = loaded.entries().stream().filter(e -> e.name().startsWith("ee1r.")).findFirst().orElseThrow();
        assertThat(rsaEntry.strings()).hasSize(2);
    }

    /** An RSA-2048 key record is longer than 255 octets; its zone-file line must still load. */
    @Test
    void zoneFileLineOfAnRsaKeyIsAcceptedByDnspython() throws Exception {
        DnsRecord dkim = typical(fiftyAddresses).records().get(0);

        assertThat(dkim.value().length()).isGreaterThan(255);
        assertThat(PythonDnsChecks.loadZone(dkim.zoneFileLine() + "\n").error()).isEmpty();
    }

    @Test
    void splitsALongSpfRecordIntoCharacterStrings() throws Exception {
        List<InetAddress> scattered = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            scattered.add(InetAddress.getByName("198.51.100." + (i * 6)));
        }
        scattered.add(InetAddress.getByName("2001:db8::25"));

        String spf = typical(scattered).spf().value();
        List<String> pieces = TxtCharacterStrings.split(spf);

        assertThat(spf).startsWith("v=spf1 ip4:198.51.100.0 ip4:198.51.100.6 ").endsWith(" ip6:2001:db8::25 -all");
        assertThat(spf.length()).isGreaterThan(600);
        assertThat(pieces).hasSize(4).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", pieces)).isEqualTo(spf);
        assertThat(PythonDnsChecks.loadZone(TxtCharacterStrings.zoneFileLine(
                new DnsRecord("example.com", DnsRecord.Type.TXT, 60, spf)) + "\n").error()).isEmpty();
    }

    @Test
    void countsIncludesAgainstTheTenLookupLimit() throws Exception {
        List<String> three = List.of("_spf.google.com", "spf.protection.outlook.com", "_spf.example.net");
        SpfRecord spf = SpfRecord.authorising(List.of(InetAddress.getByName("192.0.2.1")), three);
        assertThat(spf.value()).isEqualTo("v=spf1 ip4:192.0.2.1 include:_spf.google.com include:spf.protection.outlook.com include:_spf.example.net -all");
        assertThat(spf.dnsLookups()).isEqualTo(3);

        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("spf" + i + ".example.net");
        }
        assertThatThrownBy(() -> SpfRecord.authorising(List.of(InetAddress.getByName("192.0.2.1")), eleven))
                .hasMessageContaining("at most 10 DNS lookups");
    }

    @Test
    void writesNonDefaultDmarcSettings() {
        DmarcPolicy quarantineHalf = new DmarcPolicy(Disposition.QUARANTINE, Optional.of("mailto:Reports@Example.COM"), 50,
                Alignment.STRICT, Alignment.RELAXED);
        DmarcPolicy monitorOnly = new DmarcPolicy(Disposition.NONE, Optional.empty(), 100, Alignment.RELAXED, Alignment.STRICT);

        assertThat(quarantineHalf.txtValue()).isEqualTo("v=DMARC1; p=quarantine; pct=50; adkim=s; rua=mailto:Reports@example.com");
        assertThat(monitorOnly.txtValue()).isEqualTo("v=DMARC1; p=none; aspf=s");
    }

    @Test
    void refusesInvalidInputsWithClearMessages() throws Exception {
        InetAddress ip = InetAddress.getByName("192.0.2.1");
        Optional<ReturnPathDomain> noBounce = Optional.empty();
        DmarcPolicy dmarc = DmarcPolicy.of(Disposition.NONE, "d@example.com");

        assertThatThrownBy(() -> DomainName.of("exa mple.com")).hasMessageContaining("character ' ' not allowed");
        assertThatThrownBy(() -> DomainName.of("-bad.example.com")).hasMessageContaining("hyphen");
        assertThatThrownBy(() -> DomainName.of("a".repeat(64) + ".com")).hasMessageContaining("longer than 63");
        assertThatThrownBy(() -> DomainName.of("com")).hasMessageContaining("at least 2 labels");
        assertThatThrownBy(() -> DomainName.of("example..com")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> new SendingDomainRecords(DomainName.of("example.com"), List.of(), List.of(ip), List.of(), noBounce, dmarc))
                .hasMessageContaining("at least one DKIM key");
        assertThatThrownBy(() -> new SendingDomainRecords(DomainName.of("example.com"), List.of(rsa), List.of(), List.of(), noBounce, dmarc))
                .hasMessageContaining("at least one sending IP");
        assertThatThrownBy(() -> new SendingDomainRecords(DomainName.of("example.org"), List.of(rsa), List.of(ip), List.of(), noBounce, dmarc))
                .hasMessageContaining("ee1r._domainkey.example.com belongs to another domain");
        DkimKey sameSelector = DkimKey.generate("example.com", "ee1r", DkimAlgorithm.ED25519_SHA256);
        assertThatThrownBy(() -> new SendingDomainRecords(DomainName.of("example.com"), List.of(rsa, sameSelector), List.of(ip), List.of(), noBounce, dmarc))
                .hasMessageContaining("selector ee1r used twice");
        assertThatThrownBy(() -> new SendingDomainRecords(DomainName.of("example.com"), List.of(rsa), List.of(InetAddress.getByName("0.0.0.0")), List.of(), noBounce, dmarc))
                .hasMessageContaining("0.0.0.0 cannot be a sending address");
        assertThatThrownBy(() -> new SendingDomainRecords(DomainName.of("example.com"), List.of(rsa), List.of(ip), List.of(),
                Optional.of(ReturnPathDomain.of("example.com", "mx.example.net")), dmarc))
                .hasMessageContaining("must be a subdomain such as bounce.example.com");
        assertThatThrownBy(() -> new SendingDomainRecords(DomainName.of("example.com"), List.of(rsa), List.of(ip), List.of(),
                Optional.of(ReturnPathDomain.of("bounce.example.net", "mx.example.net")), dmarc))
                .hasMessageContaining("must lie below the sending domain");
        assertThatThrownBy(() -> new DmarcPolicy(Disposition.REJECT, Optional.empty(), 101, Alignment.RELAXED, Alignment.RELAXED))
                .hasMessageContaining("pct must be between 0 and 100, got 101");
        assertThatThrownBy(() -> new DmarcPolicy(Disposition.REJECT, Optional.empty(), -1, Alignment.RELAXED, Alignment.RELAXED))
                .hasMessageContaining("got -1");
        assertThatThrownBy(() -> DmarcPolicy.of(Disposition.REJECT, "not-an-address")).hasMessageContaining("must be a mailbox");
        assertThatThrownBy(() -> DmarcPolicy.of(Disposition.REJECT, "a,b@example.com")).hasMessageContaining("not allowed in a report URI");
        assertThatThrownBy(() -> new ReturnPathDomain(DomainName.of("b.example.com"), DomainName.of("mx.example.com"), 70000))
                .hasMessageContaining("MX preference");
    }
}
