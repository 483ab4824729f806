package com.emailengine.fleet.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.fleet.blocklist.BlocklistAnswer.Verdict;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

class BlocklistAnswerTest {

    private static List<InetAddress> a(String... addresses) {
        return Arrays.stream(addresses).map(text -> {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void theQueryNameIsTheOctetsReversedUnderTheZone() {
        assertThat(BlocklistAnswer.queryName("192.0.2.99", "zen.spamhaus.org")).contains("99.2.0.192.zen.spamhaus.org");
        assertThat(BlocklistAnswer.queryName("127.0.10.1", "bl.test")).contains("1.10.0.127.bl.test");
    }

    @Test
    void anythingButAnIpv4AddressHasNoQueryName() {
        assertThat(BlocklistAnswer.queryName("2001:db8::1", "zen.spamhaus.org")).isEmpty();
        assertThat(BlocklistAnswer.queryName("::ffff:192.0.2.1", "zen.spamhaus.org")).isEmpty();
        assertThat(BlocklistAnswer.queryName("192.0.2.256", "zen.spamhaus.org")).isEmpty();
        assertThat(BlocklistAnswer.queryName("mx.example.org", "zen.spamhaus.org")).isEmpty();
    }

    @Test
    void aReturnCodeIn127Slash8IsAListing() {
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, a("127.0.0.2"))).isEqualTo(new BlocklistAnswer(Verdict.LISTED, "127.0.0.2"));
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, a("127.0.0.4", "127.0.0.10")).detail()).isEqualTo("127.0.0.4, 127.0.0.10");
    }

    @Test
    void spamhausErrorReturnsMeanTheListRefusedToAnswerNotAListing() {
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, a("127.255.255.254")).verdict()).isEqualTo(Verdict.ERROR_RETURN);
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, a("127.255.255.252")).verdict()).isEqualTo(Verdict.ERROR_RETURN);
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, a("127.255.255.255")).verdict()).isEqualTo(Verdict.ERROR_RETURN);
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, a("127.0.0.2", "127.255.255.254")).verdict()).isEqualTo(Verdict.ERROR_RETURN);
    }

    @Test
    void nxdomainOrNoAddressIsNotListed() {
        assertThat(BlocklistAnswer.of(Rcode.NXDOMAIN, List.of()).verdict()).isEqualTo(Verdict.NOT_LISTED);
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, List.of()).verdict()).isEqualTo(Verdict.NOT_LISTED);
    }

    @Test
    void servfailRefusedAndAddressesOutside127AreUnknown() {
        assertThat(BlocklistAnswer.of(Rcode.SERVFAIL, List.of())).isEqualTo(new BlocklistAnswer(Verdict.UNKNOWN, "SERVFAIL"));
        assertThat(BlocklistAnswer.of(Rcode.REFUSED, List.of()).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, a("198.51.100.7")).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(BlocklistAnswer.of(Rcode.NOERROR, a("127.0.0.2", "198.51.100.7")).verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
