package com.emailengine.core.campaign.abtest;

import com.emailengine.core.contact.EmailHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * What an A/B step's choices about one contact depend on, and nothing else: the contact, the campaign, the step.
 * The same three give the same choices in every retry, every Lambda and every node, so a message queued twice is
 * the same variant twice; another step of the same campaign is an independent draw.
 *
 * @param stepNumber the step's 0-based number, as in {@code CampaignStep}
 */
public record AssignmentKey(EmailHash contactId, String campaignId, int stepNumber) {

    /** Buckets are basis points: 10,000 per audience, 100 per percent. */
    static final int BASIS_POINTS = 10_000;

    public AssignmentKey {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(campaignId, "campaignId");
        if (campaignId.isBlank()) {
            throw new IllegalArgumentException("an A/B assignment needs the campaign's id");
        }
        if (stepNumber < 0) {
            throw new IllegalArgumentException("step number " + stepNumber + " is negative");
        }
    }

    /**
     * Which decision a bucket is drawn for. Each purpose hashes its own text, so whether a contact is in the test
     * share says nothing about which variant it gets: the test share is split among the variants by their
     * percentages, not by whatever part of the hash range the share happens to cover.
     */
    enum Purpose {
        VARIANT("variant"), TEST_SHARE("test-share");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }
    }

    /**
     * The contact's bucket in [0, 10,000) for this purpose: the first 64 bits of SHA-256 over
     * {@code purpose \n contact-hex \n campaign-id \n step}, scaled by a 128-bit multiply (so every bucket covers
     * the same number of hash values, to within one in 10^15). A cryptographic hash, not {@code String.hashCode}:
     * contact ids that differ in one character must land anywhere. Changing this text or this arithmetic moves
     * contacts of running tests to other variants; {@code VariantSplitTest} pins it.
     */
    int bucket(Purpose purpose) {
        String text = purpose.label + '\n' + contactId.hex().toLowerCase(Locale.ROOT) + '\n' + campaignId + '\n'
                + stepNumber;
        long high = ByteBuffer.wrap(sha256(text)).getLong();
        return (int) Math.unsignedMultiplyHigh(high, BASIS_POINTS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
