package com.emailengine.emulators.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.dns.DnsRecord.Type;
import com.emailengine.core.dns.DnsRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a zone enforces when records are added, replaced and removed. */
class DnsZoneTest {

    DnsZone zone = new DnsZone();

    DnsZoneTest() {
        zone.addZone("Example.Test");
    }

    @Test
    void refusesARecordNoZoneHolds() {
        assertThatThrownBy(() -> zone.add(new DnsRecord("example.org", Type.A, 60, "127.0.0.9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.org.")
                .hasMessageContaining("addZone");
    }

    @Test
    void refusesAValueThatDoesNotParseForItsType() {
        assertThatThrownBy(() -> zone.add(new DnsRecord("example.test", Type.MX, 60, "mx1.example.test")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MX");
        assertThatThrownBy(() -> zone.add(new DnsRecord("example.test", Type.A, 60, "mx1.example.test")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv4");
        assertThat(zone.records("example.test")).isEmpty();
    }

    @Test
    void refusesACnameBesideOtherData() {
        zone.add(new DnsRecord("www.example.test", Type.A, 60, "127.0.0.9"));

        assertThatThrownBy(() -> zone.add(new DnsRecord("www.example.test", Type.CNAME, 60, "example.test.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNAME");
    }

    @Test
    void addsNothingWhenOneRecordOfABatchIsBad() {
        assertThatThrownBy(() -> zone.addAll(List.of(
                new DnsRecord("a.example.test", Type.A, 60, "127.0.0.9"),
                new DnsRecord("b.example.test", Type.A, 60, "not-an-address"))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(zone.allRecords()).isEmpty();
    }

    @Test
    void addingTheSameRecordTwiceKeepsOne() {
        DnsRecord a = new DnsRecord("a.example.test", Type.A, 60, "127.0.0.9");
        zone.add(a);
        zone.add(a);

        assertThat(zone.records("A.EXAMPLE.TEST")).containsExactly(a);
    }

    @Test
    void replaceSwapsTheWholeRrsetAndLeavesOtherTypesAlone() {
        zone.addAll(List.of(
                new DnsRecord("example.test", Type.MX, 60, "10 mx1.example.test."),
                new DnsRecord("example.test", Type.MX, 60, "20 mx2.example.test."),
                new DnsRecord("example.test", Type.TXT, 60, "v=spf1 -all")));

        zone.replace(new DnsRecord("example.test", Type.MX, 60, "0 ."));

        assertThat(zone.records("example.test", Type.MX)).extracting(DnsRecord::value).containsExactly("0 .");
        assertThat(zone.records("example.test", Type.TXT)).hasSize(1);
    }

    @Test
    void removeZoneDropsItsRecordsButNotThoseOfANestedZone() {
        zone.addZone("sub.example.test");
        zone.add(new DnsRecord("a.example.test", Type.A, 60, "127.0.0.9"));
        zone.add(new DnsRecord("b.sub.example.test", Type.A, 60, "127.0.0.10"));

        zone.removeZone("example.test");

        assertThat(zone.zones()).containsExactly("sub.example.test.");
        assertThat(zone.allRecords()).containsOnlyKeys("b.sub.example.test.");
    }

    @Test
    void everyChangeRaisesTheSerial() {
        long before = zone.serial();
        zone.simulateServfail("x.example.test");
        zone.clearFault("x.example.test");

        assertThat(zone.serial()).isEqualTo(before + 2);
        assertThat(zone.fault("x.example.test")).isEmpty();
    }
}
