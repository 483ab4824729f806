package com.emailengine.adapters.secrets;

import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
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
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The stage's message id key (D40): a file locally ({@value Settings#MESSAGE_ID_KEY_FILE}, created with 32 random bytes
 * on first use, as the source keys are), else the Secrets Manager secret the CDK creates with a random value
 * ({@code ee/<stage>/message-id-key}, or {@value Settings#MESSAGE_ID_KEY_SECRET}). Read once per process.
 */
public final class MessageIdKeys {

    private static final int KEY_BYTES = 32;

    private MessageIdKeys() {
    }

    public static byte[] load(Settings settings, ResourceNames names, Supplier<SecretsManagerClient> secrets) {
        if (settings.get(Settings.MESSAGE_ID_KEY_FILE).filter(v -> !v.isBlank()).isPresent()) {
            return fromFile(Path.of(settings.require(Settings.MESSAGE_ID_KEY_FILE)));
        }
        String secret = settings.get(Settings.MESSAGE_ID_KEY_SECRET).filter(v -> !v.isBlank())
                .orElse(names.messageIdKeySecret());
        String value = secrets.get().getSecretValue(r -> r.secretId(secret)).secretString();
        if (value == null || value.strip().length() < KEY_BYTES) {
            throw new IllegalStateException("secret " + secret + " must hold at least " + KEY_BYTES + " characters");
        }
        return value.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** The key in the file, made first if there is none (only the owner may read it). */
    static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.CREATE_NEW);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (FileAlreadyExistsException racedByAnotherProcess) {
                    // Another process of the same engine made it first: theirs is the key.
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (key.length < KEY_BYTES) {
                throw new IllegalStateException(file + " holds a message id key of " + key.length + " bytes; " + KEY_BYTES
                        + " are needed (delete it to have a new one made)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message id key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a base64 message id key: " + e.getMessage(), e);
        }
    }
}
