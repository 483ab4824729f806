package com.emailengine.local.runtime;

import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.platform.runtime.Settings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The functions' own composition root pointed at the local emulators, as the local cloud builds it. */
final class LocalDependencies {

    static final String STAGE = "test";

    private LocalDependencies() {
    }

    /** Stage, region, endpoints and keys; a test adds queue URLs, buckets or a config folder. */
    static Map<String, String> settings(CloudEndpoints endpoints) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Settings.STAGE, STAGE);
        settings.put(Settings.REGION, endpoints.region());
        settings.put(Settings.SQS_ENDPOINT, endpoints.sqs().toString());
        settings.put(Settings.DYNAMODB_ENDPOINT, endpoints.dynamoDb().toString());
        settings.put(Settings.S3_ENDPOINT, endpoints.s3().toString());
        settings.put(Settings.ACCESS_KEY_ID, endpoints.accessKeyId());
        settings.put(Settings.SECRET_ACCESS_KEY, endpoints.secretAccessKey());
        return settings;
    }

    static FunctionDependencies of(Map<String, String> settings) {
        return new FunctionDependencies(Settings.of(settings), Clock.systemUTC());
    }
}
