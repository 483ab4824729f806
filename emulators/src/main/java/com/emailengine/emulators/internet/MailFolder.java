package com.emailengine.emulators.internet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A folder of {@code .eml} files, one per accepted message. Each file is written under a
 * temporary name and moved into place in one step, so a person or a program reading the
 * folder sees whole messages or nothing.
 */
final class MailFolder {

    private final Path folder;

    MailFolder(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    Path path() {
        return folder;
    }

    /** Writes {@code header} then {@code content} as {@code fileName}; returns the file. */
    Path write(String fileName, byte[] header, byte[] content) throws IOException {
        // Dot-prefixed and .tmp: never matched by a reader looking for *.eml.
        Path temporary = Files.createTempFile(folder, ".incoming-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(header);
                out.write(content);
            }
            return Files.move(temporary, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }
}
