package com.emailengine.core.dkim;

import java.security.MessageDigest;

/**
 * SHA-256 of a canonicalized body, fed through a small buffer so the relaxed canonicalizer can
 * emit single octets cheaply. Honours a body length limit ({@code l=}) for verification. One
 * instance per hash; not thread-safe.
 */
final class BodyHasher implements OctetSink {

    private final MessageDigest digest = DkimAlgorithm.newSha256();
    private final byte[] buffer = new byte[4096];
    private final long limit;
    private int buffered;
    private long total;

    /** @param limit octets to hash at most, or {@code -1} for all */
    BodyHasher(long limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) {
        total++;
        if (limit >= 0 && total > limit) {
            return;
        }
        if (buffered == buffer.length) {
            flush();
        }
        buffer[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int count) {
        long take = count;
        if (limit >= 0) {
            take = Math.max(0, Math.min(count, limit - total));
        }
        total += count;
        if (take > 0) {
            flush();
            digest.update(source, offset, (int) take);
        }
    }

    /** Octets of canonical body seen, including any beyond the limit. */
    long canonicalLength() {
        return total;
    }

    byte[] finish() {
        flush();
        return digest.digest();
    }

    private void flush() {
        if (buffered > 0) {
            digest.update(buffer, 0, buffered);
            buffered = 0;
        }
    }
}
