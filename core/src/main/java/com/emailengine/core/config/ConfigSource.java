package com.emailengine.core.config;

import java.util.Optional;

/**
 * Where configuration files come from: a folder locally, an S3 prefix in the cloud.
 * Implementations must be safe for concurrent reads.
 */
public interface ConfigSource {

    /** The text of the named file, or empty when the file does not exist. */
    Optional<String> read(String fileName);

    /** A human-readable place, used in error messages (e.g. {@code s3://ee-prod-config/config/}). */
    String describe();
}
