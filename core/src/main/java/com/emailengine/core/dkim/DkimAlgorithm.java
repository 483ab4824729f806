package com.emailengine.core.dkim;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The two signing algorithms the fleet uses: {@code rsa-sha256} (RFC 6376 §3.3.2) and
 * {@code ed25519-sha256} (RFC 8463). {@code rsa-sha1} is deliberately absent: RFC 8301 forbids
 * signing with it and tells verifiers not to honour it.
 *
 * <p>Every method is safe for concurrent use: a fresh {@link Signature} is taken per call,
 * because JCA signature objects are stateful and a pool would cost more than the lookup.
 */
public enum DkimAlgorithm {

    RSA_SHA256("rsa-sha256", "rsa", "RSA"),
    ED25519_SHA256("ed25519-sha256", "ed25519", "Ed25519");

    /** RSA keys below this size are refused for signing and verifying (RFC 8301 §3.2). */
    public static final int MIN_RSA_BITS = 1024;
    /** Size of the RSA keys {@link #generateKeyPair()} makes (RFC 8301 §3.2 recommends at least 2048). */
    public static final int GENERATED_RSA_BITS = 2048;

    // DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 octets) }.
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int ED25519_KEY_OCTETS = 32;

    private final String tag;
    private final String keyType;
    private final String jcaKeyAlgorithm;

    DkimAlgorithm(String tag, String keyType, String jcaKeyAlgorithm) {
        this.tag = tag;
        this.keyType = keyType;
        this.jcaKeyAlgorithm = jcaKeyAlgorithm;
    }

    /** The value of the signature's {@code a=} tag, e.g. {@code rsa-sha256}. */
    public String tag() {
        return tag;
    }

    /** The value of the key record's {@code k=} tag, e.g. {@code rsa}. */
    public String keyType() {
        return keyType;
    }

    /** The algorithm named by an {@code a=} value, compared without regard to case. */
    public static Optional<DkimAlgorithm> fromTag(String aTag) {
        for (DkimAlgorithm a : values()) {
            if (a.tag.equalsIgnoreCase(aTag)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm whose key type is {@code k}, compared without regard to case. */
    public static Optional<DkimAlgorithm> fromKeyType(String k) {
        for (DkimAlgorithm a : values()) {
            if (a.keyType.equalsIgnoreCase(k)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A new key pair: RSA-2048 or Ed25519. */
    public KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaKeyAlgorithm);
            if (this == RSA_SHA256) {
                generator.initialize(GENERATED_RSA_BITS);
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaKeyAlgorithm, e);
        }
    }

    /** Why {@code key} cannot be used with this algorithm, or {@code null} if it can. */
    String keyProblem(Key key) {
        return switch (this) {
            case RSA_SHA256 -> {
                if (!(key instanceof RSAKey rsa)) {
                    yield "expected an RSA key, got " + key.getAlgorithm();
                }
                int bits = rsa.getModulus().bitLength();
                yield bits < MIN_RSA_BITS ? "RSA key of " + bits + " bits is below " + MIN_RSA_BITS : null;
            }
            case ED25519_SHA256 -> key instanceof EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())
                    ? null
                    : "expected an Ed25519 key, got " + key.getAlgorithm();
        };
    }

    /**
     * Signs the header hash input {@code data[offset, offset+length)}: RSASSA-PKCS1-v1_5 over
     * SHA-256 for RSA; for Ed25519, PureEdDSA over the SHA-256 digest of the data, as RFC 8463
     * §3 prescribes (the digest, not the data, is the Ed25519 message).
     */
    public byte[] sign(PrivateKey key, byte[] data, int offset, int length) {
        try {
            Signature signature = Signature.getInstance(this == RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
            signature.initSign(key);
            feed(signature, data, offset, length);
            return signature.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("key unusable for " + tag + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException | SignatureException e) {
            throw new IllegalStateException(tag + " signing failed", e);
        }
    }

    /** Checks a signature made by {@link #sign}; false for any malformed signature. */
    public boolean verify(PublicKey key, byte[] data, int offset, int length, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(this == RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
            signature.initVerify(key);
            feed(signature, data, offset, length);
            return signature.verify(signatureBytes);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + tag, e);
        }
    }

    private void feed(Signature signature, byte[] data, int offset, int length) throws SignatureException {
        if (this == ED25519_SHA256) {
            signature.update(sha256(data, offset, length));
        } else {
            signature.update(data, offset, length);
        }
    }

    /**
     * The octets published in the key record's {@code p=} tag: the DER SubjectPublicKeyInfo for
     * RSA (what every verifier accepts), the raw 32-octet key for Ed25519 (RFC 8463 §4.2).
     */
    public byte[] publicKeyRecordData(PublicKey key) {
        String problem = keyProblem(key);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        byte[] spki = key.getEncoded();
        if (this == RSA_SHA256) {
            return spki;
        }
        if (spki.length != ED25519_SPKI_PREFIX.length + ED25519_KEY_OCTETS
                || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("unexpected Ed25519 public key encoding");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    /**
     * The public key in a key record's decoded {@code p=} value. For RSA both the
     * SubjectPublicKeyInfo and the bare PKCS#1 RSAPublicKey that RFC 6376 §3.6.1 literally names
     * are accepted, since both are published in the wild. The key size is not judged here.
     *
     * @throws InvalidKeySpecException if the octets are not a key of this type
     */
    public PublicKey publicKeyFromRecordData(byte[] p) throws InvalidKeySpecException {
        try {
            KeyFactory factory = KeyFactory.getInstance(jcaKeyAlgorithm);
            PublicKey key;
            if (this == ED25519_SHA256) {
                if (p.length != ED25519_KEY_OCTETS) {
                    throw new InvalidKeySpecException("Ed25519 key must be 32 octets, got " + p.length);
                }
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + ED25519_KEY_OCTETS);
                System.arraycopy(p, 0, spki, ED25519_SPKI_PREFIX.length, ED25519_KEY_OCTETS);
                key = factory.generatePublic(new X509EncodedKeySpec(spki));
            } else {
                try {
                    key = factory.generatePublic(new X509EncodedKeySpec(p));
                } catch (InvalidKeySpecException notSpki) {
                    key = factory.generatePublic(Der.rsaPublicKeySpec(p));
                }
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaKeyAlgorithm, e);
        } catch (RuntimeException e) {
            // Providers throw assorted unchecked exceptions on garbage input; report them as bad key data.
            throw new InvalidKeySpecException("unparseable " + keyType + " public key: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] data, int offset, int length) {
        MessageDigest digest = newSha256();
        digest.update(data, offset, length);
        return digest.digest();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    /** Signs and verifies a probe, proving that the two keys belong together. */
    boolean isPair(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = {'d', 'k', 'i', 'm'};
        try {
            return verify(publicKey, probe, 0, probe.length, sign(privateKey, probe, 0, probe.length));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
