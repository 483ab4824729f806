package com.emailengine.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressBlocksTest {

    static List<InetAddress> range(String prefix, int from, int to) throws Exception {
        List<InetAddress> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(InetAddress.getByName(prefix + i));
        }
        return out;
    }

    private static List<String> collapsed(List<InetAddress> addresses) {
        return AddressBlocks.collapse(addresses).stream().map(AddressBlocks.Block::toString).toList();
    }

    @Test
    void collapsesFiftyContiguousAddressesIntoExactBlocks() throws Exception {
        assertThat(collapsed(range("203.0.113.", 10, 59)))
                .containsExactly("203.0.113.10/31", "203.0.113.12/30", "203.0.113.16/28", "203.0.113.32/28", "203.0.113.48/29", "203.0.113.56/30");
    }

    @Test
    void collapsesAnAlignedRangeIntoOneBlockAndKeepsLoneAddressesBare() throws Exception {
        List<InetAddress> addresses = new ArrayList<>(range("198.51.100.", 0, 255));
        addresses.add(InetAddress.getByName("192.0.2.7"));
        addresses.add(InetAddress.getByName("192.0.2.7"));

        assertThat(collapsed(addresses)).containsExactly("192.0.2.7", "198.51.100.0/24");
    }

    /** RFC 5952 §4.2.3: the longest run of zero groups becomes "::", not the first. */
    @Test
    void writesIpv6BlocksInRfc5952Form() throws Exception {
        List<InetAddress> addresses = range("2001:db8:0:0:1:0:0:", 0, 3);
        addresses.add(InetAddress.getByName("2001:DB8::AB:0:0:1"));

        assertThat(collapsed(addresses)).containsExactly("2001:db8:0:0:1::/126", "2001:db8::ab:0:0:1");
    }

    @Test
    void ordersIpv4BeforeIpv6() throws Exception {
        assertThat(collapsed(List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.1.1"))))
                .containsExactly("127.0.1.1", "::1");
    }

    /** Random address sets: our blocks equal those of Python's ipaddress.collapse_addresses. */
    @Test
    void agreesWithPythonsIpaddressOnRandomSets() throws Exception {
        Random random = new Random(7208);
        for (int round = 0; round < 5; round++) {
            List<InetAddress> addresses = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                InetAddress a = random.nextBoolean()
                        ? InetAddress.getByName("10.1." + random.nextInt(4) + "." + random.nextInt(256))
                        : InetAddress.getByName("2001:db8::" + Integer.toHexString(random.nextInt(512)));
                addresses.add(a);
                texts.add(a.getHostAddress());
            }
            List<String> ours = AddressBlocks.collapse(addresses).stream()
                    .map(b -> b.prefixLength() == (b.isIpv4() ? 32 : 128) ? b + "/" + b.prefixLength() : b.toString())
                    .toList();

            assertThat(ours).isEqualTo(PythonDnsChecks.collapse(texts));
        }
    }
}
