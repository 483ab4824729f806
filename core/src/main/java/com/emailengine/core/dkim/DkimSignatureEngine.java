package com.emailengine.core.dkim;

/**
 * Computes the signature of a DKIM header hash input with a key: the one place where the signing
 * algorithm runs, so that a faster implementation can stand in for the JDK's (the fleet signs Ed25519 with
 * BouncyCastle's, about 25 times faster). Contract: thread-safe; the result must be exactly what
 * {@link DkimAlgorithm#sign} returns for the same key and data (RSASSA-PKCS1-v1_5 over SHA-256; Ed25519 over
 * the SHA-256 digest of the data, RFC 8463); the data must not be modified.
 */
@FunctionalInterface
public interface DkimSignatureEngine {

    /** The JDK's own providers, through {@link DkimAlgorithm#sign}. */
    DkimSignatureEngine JCA = (key, data, offset, length) -> key.algorithm().sign(key.privateKey(), data, offset, length);

    byte[] sign(DkimKey key, byte[] data, int offset, int length);
}
