package com.emailengine.adapters.templates;

import com.emailengine.core.json.Json;
import com.emailengine.core.templating.TemplateContent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bodies of template versions in S3, one JSON document per version content, named by its SHA-256: an object is
 * written once and never changes, so two writers racing for a version number cannot overwrite each other's body, and
 * re-importing identical content stores nothing new. Thread-safe.
 */
public final class S3TemplateContents {

    /** Where a body lives and what it must hash to. */
    public record Stored(String objectKey, String sha256, int bytes) {
    }

    private final S3Client s3;
    private final String bucket;

    public S3TemplateContents(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public Stored put(String tenantId, String key, TemplateContent content) {
        byte[] bytes = Json.write(content).getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(bytes);
        String objectKey = "templates/" + tenantId + "/" + key + "/" + sha256 + ".json";
        s3.putObject(r -> r.bucket(bucket).key(objectKey).contentType("application/json"), RequestBody.fromBytes(bytes));
        return new Stored(objectKey, sha256, bytes.length);
    }

    /** Reads and verifies a body; a body that does not hash to its digest is an error, never rendered. */
    public TemplateContent get(String objectKey, String expectedSha256) {
        byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(objectKey)).asByteArray();
        if (!sha256(bytes).equals(expectedSha256)) {
            throw new IllegalStateException("template body " + objectKey + " does not match its digest " + expectedSha256);
        }
        return Json.read(new String(bytes, StandardCharsets.UTF_8), TemplateContent.class);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
