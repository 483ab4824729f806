package com.emailengine.adapters.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageIdKeysTest {

    @TempDir
    Path dir;

    @Test
    void aLocalKeyIsMadeOnceReadableByItsOwnerOnlyAndThenKept() throws Exception {
        Path file = dir.resolve("local-data/message-id.key");
        Settings settings = Settings.of(Map.of(Settings.MESSAGE_ID_KEY_FILE, file.toString()));

        byte[] first = MessageIdKeys.load(settings, new ResourceNames("local"), () -> {
            throw new AssertionError("no Secrets Manager locally");
        });
        byte[] again = MessageIdKeys.load(settings, new ResourceNames("local"), () -> {
            throw new AssertionError("no Secrets Manager locally");
        });

        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileTooShortIsRefusedWithWhatToDo() throws Exception {
        Path file = dir.resolve("message-id.key");
        Files.writeString(file, "c2hvcnQ=\n");

        assertThatThrownBy(() -> MessageIdKeys.fromFile(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 are needed").hasMessageContaining("delete it");
    }
}
