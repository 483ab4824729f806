package com.emailengine.cdk;

/** The topology speaks {@link java.time.Duration}; CDK has its own type. */
final class CloudDuration {

    private CloudDuration() {
    }

    static software.amazon.awscdk.Duration of(java.time.Duration duration) {
        return software.amazon.awscdk.Duration.seconds(duration.toSeconds());
    }
}
