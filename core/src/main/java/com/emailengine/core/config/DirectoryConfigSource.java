package com.emailengine.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Configuration files in a folder of the file system. */
public final class DirectoryConfigSource implements ConfigSource {

    private final Path directory;

    public DirectoryConfigSource(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> read(String fileName) {
        Path file = directory.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public String describe() {
        return directory.toAbsolutePath().toString();
    }
}
