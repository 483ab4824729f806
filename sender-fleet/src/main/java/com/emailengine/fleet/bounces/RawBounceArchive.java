package com.emailengine.fleet.bounces;

import com.emailengine.core.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Keeps a received bounce: the raw message in the raw-bounces bucket ({@code raw/yyyy/mm/dd/<uuid>.eml},
 * the bucket's lifecycle rule deletes it after 30 days), then an {@link InboundBounce} event on the
 * inbound-bounces queue. The listener answers 250 only after both, so a failure makes the sender retry.
 * Thread-safe.
 */
public final class RawBounceArchive {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final String bucket;
    private final SqsClient sqs;
    private final String queueUrl;

    public RawBounceArchive(S3Client s3, String bucket, SqsClient sqs, String queueUrl) {
        this.s3 = s3;
        this.bucket = bucket;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public InboundBounce keep(byte[] message, String mailFrom, java.util.List<String> recipients, String clientIp, Instant at) {
        String key = "raw/" + DAY.format(at) + "/" + UUID.randomUUID() + ".eml";
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("message/rfc822"), RequestBody.fromBytes(message));
        InboundBounce event = new InboundBounce(InboundBounce.TYPE, bucket, key, kindOf(message), mailFrom, recipients, clientIp,
                message.length, at);
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(event)));
        return event;
    }

    /** DSN, ARF or other, from the top-level Content-Type's report-type (RFC 6522, RFC 5965). */
    static String kindOf(byte[] message) {
        String head = new String(message, 0, Math.min(message.length, 16_384), java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        String headers = (end < 0 ? head : head.substring(0, end)).replaceAll("\r\n[ \t]+", " ").toLowerCase(java.util.Locale.ROOT);
        for (String line : headers.split("\r\n")) {
            if (line.startsWith("content-type:") && line.contains("multipart/report")) {
                if (line.matches(".*report-type\\s*=\\s*\"?delivery-status.*")) {
                    return "dsn";
                }
                if (line.matches(".*report-type\\s*=\\s*\"?feedback-report.*")) {
                    return "arf";
                }
            }
        }
        return "other";
    }
}
