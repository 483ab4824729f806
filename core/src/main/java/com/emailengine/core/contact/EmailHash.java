package com.emailengine.core.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a contact within a tenant: SHA-256 of the address's de-duplication key, so that the
 * same person posted twice is one contact, and keys and logs need not carry the address itself.
 */
public record EmailHash(String hex) {

    public static EmailHash of(EmailAddress address) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(address.dedupeKey().getBytes(StandardCharsets.UTF_8));
            return new EmailHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
