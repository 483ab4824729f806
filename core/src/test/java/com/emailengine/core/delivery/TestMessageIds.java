package com.emailengine.core.delivery;

import java.nio.charset.StandardCharsets;

/** The message ids of the core tests: a fixed key, so expected ids can be computed in the tests. */
public final class TestMessageIds {

    public static final MessageIds IDS = new MessageIds("core tests: a key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8));

    private TestMessageIds() {
    }
}
