package com.emailengine.fleet.blocklist;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.xbill.DNS.Rcode;

/**
 * What a DNS blocklist said about one IPv4 address, read by the rules of RFC 5782: the list is asked for the
 * A record of the address's octets reversed under its zone ({@code 2.0.0.127.zen.spamhaus.org}).
 *
 * @param verdict what the answer means for the address
 * @param detail  the answer as an operator reads it: the return codes, or why there was none
 */
record BlocklistAnswer(Verdict verdict, String detail) {

    enum Verdict {
        /** A return code in 127.0.0.0/8: the list names the address. */
        LISTED,
        /** NXDOMAIN, or a name without an A record. */
        NOT_LISTED,
        /**
         * A Spamhaus-style error return (127.255.255.0/24): the list refused to answer this client, e.g.
         * 127.255.255.254 for a query through a public resolver. Says nothing about the address.
         */
        ERROR_RETURN,
        /** No usable answer: timeout, SERVFAIL, REFUSED, or addresses outside 127.0.0.0/8. */
        UNKNOWN
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** The name to ask the list for, {@code d.c.b.a.zone}; empty for anything but an IPv4 address (RFC 5782 §2.4 is IPv6's own scheme). */
    static Optional<String> queryName(String ip, String zone) {
        Matcher m = IPV4.matcher(ip);
        if (!m.matches()) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        for (int octet = 4; octet >= 1; octet--) {
            int value = Integer.parseInt(m.group(octet));
            if (value > 255) {
                return Optional.empty();
            }
            name.append(value).append('.');
        }
        return Optional.of(name.append(zone).toString());
    }

    /** Reads a response: its rcode and the A records answering the query name. */
    static BlocklistAnswer of(int rcode, List<InetAddress> addresses) {
        if (rcode == Rcode.NXDOMAIN) {
            return new BlocklistAnswer(Verdict.NOT_LISTED, "NXDOMAIN");
        }
        if (rcode != Rcode.NOERROR) {
            return new BlocklistAnswer(Verdict.UNKNOWN, Rcode.string(rcode));
        }
        if (addresses.isEmpty()) {
            return new BlocklistAnswer(Verdict.NOT_LISTED, "no A record");
        }
        String codes = addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
        // An error return makes the whole answer worthless, whatever else came with it.
        if (addresses.stream().anyMatch(BlocklistAnswer::isErrorReturn)) {
            return new BlocklistAnswer(Verdict.ERROR_RETURN, codes);
        }
        // A list that answers outside 127/8 is a hijacking resolver or a retired list answering everything.
        if (!addresses.stream().allMatch(a -> a instanceof Inet4Address && (a.getAddress()[0] & 0xFF) == 127)) {
            return new BlocklistAnswer(Verdict.UNKNOWN, "answer outside 127.0.0.0/8: " + codes);
        }
        return new BlocklistAnswer(Verdict.LISTED, codes);
    }

    static BlocklistAnswer unknown(String why) {
        return new BlocklistAnswer(Verdict.UNKNOWN, why);
    }

    private static boolean isErrorReturn(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 && (b[0] & 0xFF) == 127 && (b[1] & 0xFF) == 255 && (b[2] & 0xFF) == 255;
    }
}
