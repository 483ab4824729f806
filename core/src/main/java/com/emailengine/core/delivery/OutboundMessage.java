package com.emailengine.core.delivery;

import java.time.Instant;

/**
 * A rendered message waiting for the sender fleet: what travels on a tenant's outbound queue.
 *
 * @param id         stable across retries of the scheduler, so the fleet can refuse a second send
 * @param returnPath the VERP envelope sender; a bounce names the message through it
 */
public record OutboundMessage(
        String id,
        String tenantId,
        String campaignId,
        int step,
        String contactId,
        String recipient,
        String fromAddress,
        String fromName,
        String returnPath,
        String subject,
        String html,
        String text,
        String language,
        Instant createdAt) {

    /** The campaign of test-sends (D40): no contact stands behind them, so feedback changes no contact or suppression. */
    public static final String TEST_SEND_CAMPAIGN = "test-send";

}
