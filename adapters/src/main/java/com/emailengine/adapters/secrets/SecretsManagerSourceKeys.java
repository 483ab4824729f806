package com.emailengine.adapters.secrets;

import com.emailengine.core.source.SourceKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Source keys in AWS Secrets Manager: one secret per source, named {@code <prefix><source-id>} (the CDK creates
 * {@code ee/<stage>/sources/<id>}), holding one key per line. Kept for {@link #CACHE_TTL} per source, so a rotated
 * key is honoured within minutes without a redeploy, and a burst of requests costs one read. A missing secret means
 * the source has no key; any other failure propagates (the API answers 503). Thread-safe.
 */
public final class SecretsManagerSourceKeys implements SourceKeys {

    static final Duration CACHE_TTL = Duration.ofMinutes(5);

    private final SecretsManagerClient secrets;
    private final String prefix;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(List<String> keys, Instant expires) {
    }

    public SecretsManagerSourceKeys(SecretsManagerClient secrets, String prefix, Clock clock) {
        this.secrets = secrets;
        this.prefix = prefix;
        this.clock = clock;
    }

    @Override
    public List<String> keysOf(String sourceId) {
        Instant now = clock.instant();
        Cached hit = cache.get(sourceId);
        if (hit != null && hit.expires().isAfter(now)) {
            return hit.keys();
        }
        List<String> keys;
        try {
            String value = secrets.getSecretValue(r -> r.secretId(prefix + sourceId)).secretString();
            keys = value == null ? List.of() : value.lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (ResourceNotFoundException e) {
            keys = List.of();
        }
        cache.put(sourceId, new Cached(keys, now.plus(CACHE_TTL)));
        return keys;
    }
}
