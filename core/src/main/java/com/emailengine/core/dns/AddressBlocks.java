package com.emailengine.core.dns;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Collapses a set of addresses into the fewest CIDR blocks that cover exactly those addresses
 * and no others, e.g. 203.0.113.10–203.0.113.59 into {@code .10/31 .12/30 .16/28 .32/28 .48/29
 * .56/30}. Single addresses are written without a prefix length.
 */
public final class AddressBlocks {

    private AddressBlocks() {
    }

    /** One block: the first address and the prefix length. */
    public record Block(InetAddress first, int prefixLength) {

        public boolean isIpv4() {
            return first instanceof Inet4Address;
        }

        /** {@code 203.0.113.16/28}, {@code 2001:db8::/126}, or a bare address for a single one. */
        @Override
        public String toString() {
            int width = isIpv4() ? 32 : 128;
            String address = isIpv4() ? first.getHostAddress() : ipv6Text((Inet6Address) first);
            return prefixLength == width ? address : address + "/" + prefixLength;
        }
    }

    /** IPv4 blocks first, then IPv6, each in ascending address order. */
    public static List<Block> collapse(Collection<? extends InetAddress> addresses) {
        TreeSet<BigInteger> v4 = new TreeSet<>();
        TreeSet<BigInteger> v6 = new TreeSet<>();
        for (InetAddress a : addresses) {
            (a instanceof Inet4Address ? v4 : v6).add(new BigInteger(1, a.getAddress()));
        }
        List<Block> blocks = new ArrayList<>();
        collapse(v4, 32, blocks);
        collapse(v6, 128, blocks);
        return blocks;
    }

    private static void collapse(TreeSet<BigInteger> sorted, int width, List<Block> out) {
        BigInteger runStart = null;
        BigInteger runEnd = null;
        for (BigInteger a : sorted) {
            if (runEnd != null && a.equals(runEnd.add(BigInteger.ONE))) {
                runEnd = a;
                continue;
            }
            if (runStart != null) {
                cover(runStart, runEnd, width, out);
            }
            runStart = a;
            runEnd = a;
        }
        if (runStart != null) {
            cover(runStart, runEnd, width, out);
        }
    }

    /** Covers [start, end] with the largest aligned power-of-two blocks that fit. */
    private static void cover(BigInteger start, BigInteger end, int width, List<Block> out) {
        BigInteger s = start;
        while (s.compareTo(end) <= 0) {
            int hostBits = s.signum() == 0 ? width : s.getLowestSetBit();
            BigInteger remaining = end.subtract(s).add(BigInteger.ONE);
            while (BigInteger.ONE.shiftLeft(hostBits).compareTo(remaining) > 0) {
                hostBits--;
            }
            out.add(new Block(toAddress(s, width), width - hostBits));
            s = s.add(BigInteger.ONE.shiftLeft(hostBits));
        }
    }

    private static InetAddress toAddress(BigInteger value, int width) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[width / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5952 text: lower case, leading zeros dropped, the longest run of two or more zero groups as "::". */
    static String ipv6Text(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
