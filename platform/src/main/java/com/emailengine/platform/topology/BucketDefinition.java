package com.emailengine.platform.topology;

import java.time.Duration;
import java.util.Optional;

/**
 * An S3 bucket; objects expire after {@code expireAfter} when set.
 *
 * @param versioned keep earlier versions of overwritten or deleted objects (configuration must be recoverable)
 */
public record BucketDefinition(String name, Optional<Duration> expireAfter, boolean versioned) {

    /** An unversioned bucket. */
    public BucketDefinition(String name, Optional<Duration> expireAfter) {
        this(name, expireAfter, false);
    }
}
