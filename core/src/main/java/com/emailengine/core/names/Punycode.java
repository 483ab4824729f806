package com.emailengine.core.names;

import java.util.Optional;

/**
 * Punycode (RFC 3492), the encoding of a Unicode label as the ASCII part of an {@code xn--} A-label.
 * Written here because the JDK's {@link java.net.IDN} applies IDNA 2003 mapping first (it turns
 * {@code faß.de} into {@code fass.de}), while mail today follows IDNA 2008, where that name is
 * {@code xn--fa-hia.de}. Stateless and thread-safe.
 */
public final class Punycode {

    // Parameter values of RFC 3492 section 5.
    private static final int BASE = 36;
    private static final int T_MIN = 1;
    private static final int T_MAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 0x80;
    private static final char DELIMITER = '-';

    private Punycode() {
    }

    /** Encodes the code points of {@code label} (RFC 3492 section 6.3); empty on overflow. */
    public static Optional<String> encode(String label) {
        int[] input = label.codePoints().toArray();
        StringBuilder output = new StringBuilder(input.length + 8);
        for (int c : input) {
            if (c < INITIAL_N) {
                output.append((char) c);
            }
        }
        int basic = output.length();
        int handled = basic;
        if (basic > 0) {
            output.append(DELIMITER);
        }
        int n = INITIAL_N;
        long delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < input.length) {
            int m = Integer.MAX_VALUE;
            for (int c : input) {
                if (c >= n && c < m) {
                    m = c;
                }
            }
            delta += (long) (m - n) * (handled + 1);
            if (delta > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            n = m;
            for (int c : input) {
                if (c < n) {
                    delta++;
                }
                if (c == n) {
                    long q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = threshold(k, bias);
                        if (q < t) {
                            break;
                        }
                        output.append(digit((int) (t + (q - t) % (BASE - t))));
                        q = (q - t) / (BASE - t);
                    }
                    output.append(digit((int) q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return Optional.of(output.toString());
    }

    /** Decodes the part after {@code xn--} (RFC 3492 section 6.2); empty when it is not valid Punycode. */
    public static Optional<String> decode(String encoded) {
        int delimiter = encoded.lastIndexOf(DELIMITER);
        int[] output = new int[encoded.length()];
        int length = 0;
        for (int i = 0; i < Math.max(delimiter, 0); i++) {
            char c = encoded.charAt(i);
            if (c >= INITIAL_N) {
                return Optional.empty();
            }
            output[length++] = c;
        }
        int n = INITIAL_N;
        long i = 0;
        int bias = INITIAL_BIAS;
        int in = delimiter > 0 ? delimiter + 1 : 0;
        while (in < encoded.length()) {
            long oldI = i;
            long w = 1;
            for (int k = BASE; ; k += BASE) {
                if (in >= encoded.length()) {
                    return Optional.empty();
                }
                int digit = value(encoded.charAt(in++));
                if (digit < 0) {
                    return Optional.empty();
                }
                i += digit * w;
                if (i > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                int t = threshold(k, bias);
                if (digit < t) {
                    break;
                }
                w *= BASE - t;
                if (w > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
            }
            bias = adapt(i - oldI, length + 1, oldI == 0);
            n += (int) (i / (length + 1));
            if (n > Character.MAX_CODE_POINT) {
                return Optional.empty();
            }
            i %= length + 1;
            // Every decoded code point costs at least one input character, so output never overflows.
            System.arraycopy(output, (int) i, output, (int) i + 1, length - (int) i);
            output[(int) i] = n;
            length++;
            i++;
        }
        return Optional.of(new String(output, 0, length));
    }

    private static int threshold(int k, int bias) {
        return k <= bias ? T_MIN : Math.min(k - bias, T_MAX);
    }

    private static int adapt(long delta, int points, boolean first) {
        delta = first ? delta / DAMP : delta / 2;
        delta += delta / points;
        int k = 0;
        while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        return (int) (k + (BASE - T_MIN + 1) * delta / (delta + SKEW));
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }

    private static int value(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        return -1;
    }
}
