package com.emailengine.core.config;

import java.util.Map;
import java.util.Optional;

/** Configuration files held in memory, by name, for tests that write them inline. */
public record ConfigFiles(Map<String, String> files) implements ConfigSource {

    public ConfigFiles {
        files = Map.copyOf(files);
    }

    @Override
    public Optional<String> read(String fileName) {
        return Optional.ofNullable(files.get(fileName));
    }

    @Override
    public String describe() {
        return "test files";
    }
}
