package com.emailengine.fleet.bounces;

import java.time.Instant;
import java.util.List;

/**
 * The event the bounce listener emits for each message it stored: where the raw message is and what the
 * envelope said. The bounce parser (a later step) reads the object and classifies it.
 *
 * @param kind       {@code dsn} (multipart/report; report-type=delivery-status), {@code arf}
 *                   (report-type=feedback-report, a complaint) or {@code other} (an auto-reply, a human)
 * @param mailFrom   the envelope sender, empty for the null sender DSNs come from
 * @param recipients the VERP addresses it was sent to, which name the original message
 */
public record InboundBounce(String type, String bucket, String key, String kind, String mailFrom, List<String> recipients,
                            String clientIp, long size, Instant receivedAt) {

    public static final String TYPE = "inbound-bounce";

    public InboundBounce {
        recipients = List.copyOf(recipients);
    }
}
