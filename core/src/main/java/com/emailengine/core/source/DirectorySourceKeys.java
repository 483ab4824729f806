package com.emailengine.core.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Source keys in a folder, {@code <dir>/<source-id>.key}: one key per line, {@code #} comments. The local cloud
 * keeps them under {@code local-data/source-keys/} (never committed) and creates a missing one at start, so that
 * {@code curl} and the demo can post. Reads the file on every call (a local concern; no cache). Thread-safe.
 */
public final class DirectorySourceKeys implements SourceKeys {

    private static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    public DirectorySourceKeys(Path directory) {
        this.directory = directory;
    }

    @Override
    public List<String> keysOf(String sourceId) {
        if (!SOURCE_ID.matcher(sourceId).matches()) {
            return List.of();
        }
        Path file = file(sourceId);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key of source " + sourceId, e);
        }
    }

    /** The key of {@code sourceId}, created (256 random bits, base64url) when it has none; safe across processes. */
    public String ensureKey(String sourceId) {
        List<String> existing = keysOf(sourceId);
        if (!existing.isEmpty()) {
            return existing.getFirst();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            Files.createDirectories(directory);
            Path file = file(sourceId);
            Files.writeString(file, "# key of source " + sourceId + " (local only; send as Authorization: Bearer <key>)\n"
                    + key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
            return key;
        } catch (FileAlreadyExistsException e) {
            return keysOf(sourceId).getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key of source " + sourceId + " in " + directory, e);
        }
    }

    public Path file(String sourceId) {
        return directory.resolve(sourceId + ".key");
    }
}
