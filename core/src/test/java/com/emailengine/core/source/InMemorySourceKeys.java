package com.emailengine.core.source;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Source keys held in memory; a source without keys has none, as with a missing key file. Thread-safe. */
public final class InMemorySourceKeys implements SourceKeys {

    private final Map<String, List<String>> keys = new ConcurrentHashMap<>();

    public InMemorySourceKeys with(String sourceId, String... sourceKeys) {
        keys.put(sourceId, List.of(sourceKeys));
        return this;
    }

    @Override
    public List<String> keysOf(String sourceId) {
        return keys.getOrDefault(sourceId, List.of());
    }
}
