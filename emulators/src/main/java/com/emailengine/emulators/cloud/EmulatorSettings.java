package com.emailengine.emulators.cloud;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the local emulators: the address they listen on, one port each (0 picks a free port),
 * and an optional data folder. With a data folder, SQS keeps its queues and messages in {@code <dataDir>/sqs}, DynamoDB
 * its tables in {@code <dataDir>/dynamodb} and S3 its buckets in {@code <dataDir>/s3}, so all three survive a restart
 * (SQS and DynamoDB also a killed process); without one, all three live in memory.
 */
public record EmulatorSettings(String host, int sqsPort, int dynamoDbPort, int s3Port, Optional<Path> dataDir) {

    public static final String LOOPBACK = "127.0.0.1";

    public EmulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        requirePort("sqsPort", sqsPort);
        requirePort("dynamoDbPort", dynamoDbPort);
        requirePort("s3Port", s3Port);
    }

    /** All three in memory on free loopback ports: what tests want. */
    public static EmulatorSettings ephemeral() {
        return new EmulatorSettings(LOOPBACK, 0, 0, 0, Optional.empty());
    }

    public EmulatorSettings withDataDir(Path dir) {
        return new EmulatorSettings(host, sqsPort, dynamoDbPort, s3Port, Optional.of(dir));
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or 1..65535, was " + port);
        }
    }
}
