package com.emailengine.emulators.cloud;

import java.net.URI;
import java.util.Objects;

/**
 * Where the local SQS, DynamoDB and S3 answer, and the credentials and region a client must use there.
 * Clients take these as endpoint overrides; S3 clients must use path-style addressing.
 */
public record CloudEndpoints(URI sqs, URI dynamoDb, URI s3, String region, String accessKeyId, String secretAccessKey) {

    public CloudEndpoints {
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Endpoints for the {@link LocalAccount}, the account every local emulator accepts. */
    public static CloudEndpoints forLocalAccount(URI sqs, URI dynamoDb, URI s3) {
        return new CloudEndpoints(sqs, dynamoDb, s3, LocalAccount.REGION, LocalAccount.ACCESS_KEY_ID,
                LocalAccount.SECRET_ACCESS_KEY);
    }
}
