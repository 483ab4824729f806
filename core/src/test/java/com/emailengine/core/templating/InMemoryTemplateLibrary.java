package com.emailengine.core.templating;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stored template versions held in memory, by reference; a version can be added while a test runs. Thread-safe. */
public final class InMemoryTemplateLibrary implements TemplateLibrary {

    private final Map<TemplateRef, TemplateVersion> versions = new ConcurrentHashMap<>();

    public InMemoryTemplateLibrary add(TemplateVersion version) {
        versions.put(version.ref(), version);
        return this;
    }

    @Override
    public Optional<TemplateVersion> find(TemplateRef ref) {
        return Optional.ofNullable(versions.get(ref));
    }
}
