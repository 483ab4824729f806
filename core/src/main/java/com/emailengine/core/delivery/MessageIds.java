package com.emailengine.core.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable message ids, keyed: the same campaign step for the same contact always gets the same id (so a re-queued step
 * is recognised and never sent twice, D6), and nobody without the stage's key can compute one. A message id comes back
 * to us from strangers (the return path, the unsubscribe link, the Message-ID an ARF report quotes): before the key,
 * it was a plain hash of tenant, campaign, address and step, and one forged complaint could mark any address
 * complained and count against a warming IP. HMAC-SHA256, 128 bits kept (32 hex digits). Thread-safe.
 */
public final class MessageIds {

    /** A key shorter than this would be guessable; the stage's key is 32 random bytes. */
    public static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public MessageIds(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a message id key needs at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String forStep(String tenantId, String campaignId, String contactId, int step) {
        Mac mac = macs.get();
        byte[] digest = mac.doFinal((tenantId + "\n" + campaignId + "\n" + contactId + "\n" + step).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
