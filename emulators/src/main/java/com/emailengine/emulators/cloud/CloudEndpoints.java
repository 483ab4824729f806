package com.emailengine.emulators.cloud;

import com.emailengine.platform.runtime.Settings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The settings a process of the engine needs to use these endpoints as its AWS (functions, fleet nodes, tools):
     * stage, region, the three endpoint overrides and the keys. A new map each time, for the caller to add to.
     */
    public Map<String, String> settings(String stage) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Settings.STAGE, stage);
        settings.put(Settings.REGION, region);
        settings.put(Settings.SQS_ENDPOINT, sqs.toString());
        settings.put(Settings.DYNAMODB_ENDPOINT, dynamoDb.toString());
        settings.put(Settings.S3_ENDPOINT, s3.toString());
        settings.put(Settings.ACCESS_KEY_ID, accessKeyId);
        settings.put(Settings.SECRET_ACCESS_KEY, secretAccessKey);
        return settings;
    }

    /** Endpoints for the {@link LocalAccount}, the account every local emulator accepts. */
    public static CloudEndpoints forLocalAccount(URI sqs, URI dynamoDb, URI s3) {
        return new CloudEndpoints(sqs, dynamoDb, s3, LocalAccount.REGION, LocalAccount.ACCESS_KEY_ID,
                LocalAccount.SECRET_ACCESS_KEY);
    }
}
