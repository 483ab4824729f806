package com.emailengine.core.delivery;

import java.time.Instant;

/**
 * One outcome of one delivery attempt, or a later complaint about the delivered message, as the fleet reports it on
 * the events queue.
 *
 * @param eventId    unique per attempt outcome ({@code <messageId>:<attempt>:<outcome>}); consumers de-duplicate on it
 * @param smtpReply  the receiving server's reply line (or the local reason when no server answered)
 */
public record DeliveryEvent(
        String eventId,
        String messageId,
        String tenantId,
        String contactId,
        String campaignId,
        int step,
        int attempt,
        DeliveryOutcome outcome,
        String recipient,
        String sourceIp,
        String mxHost,
        String smtpReply,
        Instant at) {
}
