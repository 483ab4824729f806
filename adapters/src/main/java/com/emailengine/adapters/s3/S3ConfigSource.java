package com.emailengine.adapters.s3;

import com.emailengine.core.config.ConfigSource;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Configuration files kept under a prefix of the config bucket, read once per cold start. */
public final class S3ConfigSource implements ConfigSource {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3ConfigSource(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Optional<String> read(String fileName) {
        try {
            byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + fileName)).asByteArray();
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
