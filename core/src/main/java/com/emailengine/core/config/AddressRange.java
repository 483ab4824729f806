package com.emailengine.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses {@code 127.0.1.1-127.0.1.50}, {@code 198.51.100.0/28} or a single address (v4 or v6). */
final class AddressRange {

    private static final int MAX_ADDRESSES = 4096;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private AddressRange() {
    }

    static List<InetAddress> parse(String text) {
        String value = text.strip();
        if (value.contains("-")) {
            String[] ends = value.split("-", 2);
            long first = ipv4(ends[0].strip());
            long last = ipv4(ends[1].strip());
            if (last < first) {
                throw new IllegalArgumentException("range " + value + " is reversed");
            }
            return span(first, last, value);
        }
        if (value.contains("/") && !value.contains(":")) {
            String[] parts = value.split("/", 2);
            long base = ipv4(parts[0].strip());
            int prefix;
            try {
                prefix = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + value);
            }
            if (prefix < 20 || prefix > 32) {
                throw new IllegalArgumentException("prefix length in " + value + " must be between 20 and 32");
            }
            long size = 1L << (32 - prefix);
            if (base % size != 0) {
                throw new IllegalArgumentException(value + " is not aligned on its prefix length");
            }
            return span(base, base + size - 1, value);
        }
        if (IPV4.matcher(value).matches()) {
            return span(ipv4(value), ipv4(value), value);
        }
        if (value.contains(":")) {
            try {
                return List.of(InetAddress.getByName(value));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + value + "' is not an IP address");
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an address, a range a-b or a CIDR block");
    }

    private static List<InetAddress> span(long first, long last, String text) {
        if (last - first + 1 > MAX_ADDRESSES) {
            throw new IllegalArgumentException(text + " holds more than " + MAX_ADDRESSES + " addresses");
        }
        List<InetAddress> out = new ArrayList<>();
        for (long ip = first; ip <= last; ip++) {
            byte[] bytes = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
            try {
                out.add(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static long ipv4(String text) {
        if (!IPV4.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        long value = 0;
        for (String octet : text.split("\\.")) {
            int n = Integer.parseInt(octet);
            if (n > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            value = (value << 8) | n;
        }
        return value;
    }

}
