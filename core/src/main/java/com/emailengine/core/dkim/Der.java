package com.emailengine.core.dkim;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;

/**
 * The few DER structures the JDK will not read for us: the bare PKCS#1 RSAPublicKey some DKIM
 * records publish, and the PKCS#1 private keys ("BEGIN RSA PRIVATE KEY") that older MTAs such
 * as PowerMTA keep, which we wrap into PKCS#8.
 */
final class Der {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }.
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Der() {
    }

    /** Reads {@code RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }}. */
    static RSAPublicKeySpec rsaPublicKeySpec(byte[] der) throws InvalidKeySpecException {
        Reader outer = new Reader(der, 0, der.length);
        Reader seq = outer.enter(SEQUENCE);
        if (outer.hasMore()) {
            throw new InvalidKeySpecException("trailing octets after RSAPublicKey");
        }
        BigInteger modulus = seq.integer();
        BigInteger exponent = seq.integer();
        if (seq.hasMore()) {
            throw new InvalidKeySpecException("unexpected field in RSAPublicKey");
        }
        return new RSAPublicKeySpec(modulus, exponent);
    }

    /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo (RFC 5208 §5). */
    static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(pkcs1.length + 32);
        body.writeBytes(new byte[] {INTEGER, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        writeTlv(body, OCTET_STRING, pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8);
        writeTlv(out, SEQUENCE, body.toByteArray());
        return out.toByteArray();
    }

    private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int octets = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(value);
    }

    private static final class Reader {
        private final byte[] der;
        private int pos;
        private final int end;

        Reader(byte[] der, int from, int to) {
            this.der = der;
            this.pos = from;
            this.end = to;
        }

        boolean hasMore() {
            return pos < end;
        }

        Reader enter(int expectedTag) throws InvalidKeySpecException {
            int len = header(expectedTag);
            Reader inner = new Reader(der, pos, pos + len);
            pos += len;
            return inner;
        }

        BigInteger integer() throws InvalidKeySpecException {
            int len = header(INTEGER);
            if (len == 0) {
                throw new InvalidKeySpecException("empty INTEGER");
            }
            BigInteger value = new BigInteger(1, der, pos, len);
            pos += len;
            return value;
        }

        private int header(int expectedTag) throws InvalidKeySpecException {
            if (pos + 2 > end) {
                throw new InvalidKeySpecException("truncated DER");
            }
            int tag = der[pos++] & 0xff;
            if (tag != expectedTag) {
                throw new InvalidKeySpecException("expected DER tag " + expectedTag + ", found " + tag);
            }
            int first = der[pos++] & 0xff;
            int len;
            if (first < 0x80) {
                len = first;
            } else {
                int octets = first & 0x7f;
                if (octets == 0 || octets > 3 || pos + octets > end) {
                    throw new InvalidKeySpecException("bad DER length");
                }
                len = 0;
                for (int i = 0; i < octets; i++) {
                    len = (len << 8) | (der[pos++] & 0xff);
                }
            }
            if (len > end - pos) {
                throw new InvalidKeySpecException("DER length beyond end of data");
            }
            return len;
        }
    }
}
