package com.emailengine.fleet.signing;

import com.emailengine.core.dkim.DkimAlgorithm;
import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.dkim.DkimSignatureEngine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.EdECPrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs Ed25519 DKIM signatures with BouncyCastle's Ed25519 arithmetic (about 25 times faster than the
 * JDK's), RSA with the JDK (whose RSA is faster than BouncyCastle's). Same bytes as the JDK's: Ed25519 is
 * deterministic, and RFC 8463 signs the SHA-256 digest of the header hash input. The private seed and the
 * public key of each key are extracted once. Thread-safe.
 */
public final class FastEd25519 implements DkimSignatureEngine {

    private record Seed(byte[] secret, byte[] publicKey) {
    }

    private final Map<DkimKey, Seed> seeds = new ConcurrentHashMap<>();

    public FastEd25519() {
        Ed25519.precompute();
    }

    @Override
    public byte[] sign(DkimKey key, byte[] data, int offset, int length) {
        if (key.algorithm() != DkimAlgorithm.ED25519_SHA256) {
            return JCA.sign(key, data, offset, length);
        }
        Seed seed = seeds.computeIfAbsent(key, FastEd25519::seedOf);
        byte[] digest = sha256(data, offset, length);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed.secret(), 0, seed.publicKey(), 0, digest, 0, digest.length, signature, 0);
        return signature;
    }

    private static Seed seedOf(DkimKey key) {
        byte[] secret = ((EdECPrivateKey) key.privateKey()).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("Ed25519 key " + key.dnsName() + " does not expose its seed"));
        return new Seed(secret, key.algorithm().publicKeyRecordData(key.publicKey()));
    }

    private static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
