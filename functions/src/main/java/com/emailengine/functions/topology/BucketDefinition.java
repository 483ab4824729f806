package com.emailengine.functions.topology;

import java.time.Duration;
import java.util.Optional;

/** An S3 bucket; objects expire after {@code expireAfter} when set. */
public record BucketDefinition(String name, Optional<Duration> expireAfter) {
}
