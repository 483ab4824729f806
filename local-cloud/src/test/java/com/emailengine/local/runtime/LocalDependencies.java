package com.emailengine.local.runtime;

import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.platform.runtime.Settings;
import java.time.Clock;
import java.util.Map;

/** The functions' own composition root pointed at the local emulators, as the local cloud builds it. */
final class LocalDependencies {

    static final String STAGE = "test";

    private LocalDependencies() {
    }

    /** Stage, region, endpoints and keys; a test adds queue URLs, buckets or a config folder. */
    static Map<String, String> settings(CloudEndpoints endpoints) {
        Map<String, String> settings = endpoints.settings(STAGE);
        return settings;
    }

    static FunctionDependencies of(Map<String, String> settings) {
        return new FunctionDependencies(Settings.of(settings), Clock.systemUTC());
    }
}
