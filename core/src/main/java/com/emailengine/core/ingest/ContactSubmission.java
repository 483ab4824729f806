package com.emailengine.core.ingest;

import java.time.Instant;

/**
 * A contact as a source submitted it, after the API accepted the request and before any check
 * that needs storage or DNS. This is what travels on the contacts queue.
 *
 * @param tenant     the tenant the contact is routed to
 * @param requestId  the API request that brought it, for tracing
 */
public record ContactSubmission(
        String tenant,
        String email,
        String firstName,
        String language,
        String source,
        Instant receivedAt,
        String requestId) {
}
