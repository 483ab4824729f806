package com.emailengine.core.campaign.abtest;

import com.emailengine.core.contact.EmailHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic contacts for the A/B tests: contact i's id is SHA-256("contact-" + i) in hex, the shape of a real
 * {@link EmailHash}. Fixed keys, so a distribution bound that holds today holds on every run.
 */
final class TestKeys {

    static final String CAMPAIGN = "spring-sale";

    private TestKeys() {
    }

    static EmailHash contact(int i) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("contact-" + i).getBytes(StandardCharsets.UTF_8));
            return new EmailHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static AssignmentKey key(int i) {
        return new AssignmentKey(contact(i), CAMPAIGN, 1);
    }

    static AssignmentKey key(int i, int step) {
        return new AssignmentKey(contact(i), CAMPAIGN, step);
    }
}
