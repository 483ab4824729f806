package com.emailengine.core.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable message ids: the same campaign step for the same contact always gets the same id. */
public final class MessageIds {

    private MessageIds() {
    }

    public static String forStep(String tenantId, String campaignId, String contactId, int step) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (tenantId + "\n" + campaignId + "\n" + contactId + "\n" + step).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
