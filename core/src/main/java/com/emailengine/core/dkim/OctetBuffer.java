package com.emailengine.core.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that hands out its backing array, so the signer can hash and sign
 * what it built without the copy {@code ByteArrayOutputStream.toByteArray()} makes. Not
 * thread-safe: one instance belongs to one call.
 */
final class OctetBuffer implements OctetSink {

    private byte[] bytes;
    private int length;

    OctetBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int b) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int count) {
        if (length + count > bytes.length) {
            grow(count);
        }
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    void write(byte[] source) {
        write(source, 0, source.length);
    }

    /** Appends the characters of an ASCII string, one octet each. */
    void writeAscii(String s) {
        int n = s.length();
        if (length + n > bytes.length) {
            grow(n);
        }
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    void crlf() {
        write('\r');
        write('\n');
    }

    /** Drops trailing octets so that {@code newLength} remain. */
    void truncate(int newLength) {
        length = newLength;
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private void grow(int needed) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + needed));
    }
}
