package com.emailengine.platform.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * Named settings of a function: environment variables in Lambda, a map handed over by the local
 * cloud. One interface so handlers never read {@code System.getenv} themselves and tests and the local
 * cloud can run several differently configured instances in one JVM.
 */
@FunctionalInterface
public interface Settings {

    String STAGE = "EE_STAGE";
    String REGION = "EE_REGION";
    String SQS_ENDPOINT = "EE_SQS_ENDPOINT";
    String DYNAMODB_ENDPOINT = "EE_DYNAMODB_ENDPOINT";
    String S3_ENDPOINT = "EE_S3_ENDPOINT";
    String ACCESS_KEY_ID = "EE_ACCESS_KEY_ID";
    String SECRET_ACCESS_KEY = "EE_SECRET_ACCESS_KEY";
    String CONFIG_DIR = "EE_CONFIG_DIR";
    String CONFIG_PREFIX = "EE_CONFIG_PREFIX";
    /** {@code system} (the cloud's resolvers, the default) or {@code host:port} of the local DNS server. */
    String DNS_RESOLVER = "EE_DNS_RESOLVER";
    /** A folder of source key files ({@code <source-id>.key}); set locally. Without it keys come from Secrets Manager. */
    String SOURCE_KEY_DIR = "EE_SOURCE_KEY_DIR";
    /** Name prefix of the sources' secrets in Secrets Manager; default {@code ee/<stage>/sources/}. */
    String SOURCE_KEY_PREFIX = "EE_SOURCE_KEY_PREFIX";

    /** A file holding the stage's message id key (base64); set locally, created at first use. */
    String MESSAGE_ID_KEY_FILE = "EE_MESSAGE_ID_KEY_FILE";
    /** The secret holding the stage's message id key; default {@code ee/<stage>/message-id-key}. */
    String MESSAGE_ID_KEY_SECRET = "EE_MESSAGE_ID_KEY_SECRET";

    Optional<String> get(String key);

    default String require(String key) {
        return get(key).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException("setting " + key + " is not set"));
    }

    static Settings environment() {
        return key -> Optional.ofNullable(System.getenv(key));
    }

    static Settings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key));
    }
}
