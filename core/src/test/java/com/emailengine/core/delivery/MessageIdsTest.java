package com.emailengine.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final byte[] KEY = "one stage's key, thirty-two bytes long at least".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "another stage's key, thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameStepOfTheSameContactAlwaysGetsTheSameIdUnderOneKey() {
        assertThat(new MessageIds(KEY).forStep("acme", "welcome", "c0ffee", 2))
                .isEqualTo(new MessageIds(KEY.clone()).forStep("acme", "welcome", "c0ffee", 2))
                .hasSize(32).matches("[0-9a-f]{32}");
        assertThat(new MessageIds(KEY).forStep("acme", "welcome", "c0ffee", 2))
                .isNotEqualTo(new MessageIds(KEY).forStep("acme", "welcome", "c0ffee", 3));
    }

    @Test
    void withoutTheKeyNobodyComputesTheIdFromTheAddress() throws Exception {
        String id = new MessageIds(KEY).forStep("acme", "welcome", "c0ffee", 0);
        // What the ids were before they were keyed, and what anyone knowing the address could compute.
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("acme\nwelcome\nc0ffee\n0".getBytes(StandardCharsets.UTF_8)), 0, 16);

        assertThat(id).isNotEqualTo(plain).isNotEqualTo(new MessageIds(OTHER).forStep("acme", "welcome", "c0ffee", 0));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new MessageIds(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }
}
