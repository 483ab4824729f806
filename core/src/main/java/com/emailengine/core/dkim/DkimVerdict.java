package com.emailengine.core.dkim;

/**
 * The outcome of checking one DKIM-Signature field: {@link #PASS} or the reason it did not
 * pass, with a stable lower-case {@link #code()} for logs, metrics and API responses.
 * {@link #KEY_UNAVAILABLE} is the only temporary failure (RFC 6376 TEMPFAIL); every other
 * failure is permanent.
 */
public enum DkimVerdict {
    PASS("pass"),
    /** The signature field is malformed or lacks a required tag (RFC 6376 §6.1.1). */
    SYNTAX("syntax"),
    /** {@code a=} names an algorithm we do not verify, such as {@code rsa-sha1} (RFC 8301). */
    UNSUPPORTED_ALGORITHM("unsupported_algorithm"),
    /** {@code x=} lies in the past. */
    EXPIRED("expired"),
    /** No key record at {@code <s>._domainkey.<d>}. */
    KEY_NOT_FOUND("key_not_found"),
    /** The key lookup failed temporarily (DNS timeout, SERVFAIL). */
    KEY_UNAVAILABLE("key_unavailable"),
    /** The key record has an empty {@code p=}: the key was withdrawn. */
    KEY_REVOKED("key_revoked"),
    /** The key record is malformed or its {@code p=} is not a valid key. */
    KEY_SYNTAX("key_syntax"),
    /** The key cannot serve this signature: other key type, hash, service type, or too small. */
    KEY_UNSUITABLE("key_unsuitable"),
    /** The body changed since signing ({@code bh=} differs). */
    BODY_HASH_MISMATCH("body_hash_mismatch"),
    /** A signed header field changed, or the signature was not made with this key. */
    SIGNATURE_MISMATCH("signature_mismatch");

    private final String code;

    DkimVerdict(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean passed() {
        return this == PASS;
    }
}
