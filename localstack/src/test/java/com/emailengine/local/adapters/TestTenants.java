package com.emailengine.local.adapters;

import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration the adapter and fleet tests run with ({@code src/test/resources/adapters-config}):
 * tenant {@code alpha} (default language fr, pool 127.0.4.101-105, a two-step welcome campaign) and
 * tenant {@code beta} (default language en, pool 127.0.4.111-113, a one-step welcome campaign).
 */
public final class TestTenants {

    public static final String ALPHA = "alpha";
    public static final String BETA = "beta";
    public static final List<String> IDS = List.of(ALPHA, BETA);
    public static final String WELCOME = "welcome";

    private TestTenants() {
    }

    public static Path configDir() {
        try {
            return Path.of(TestTenants.class.getResource("/adapters-config").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EngineConfig config() {
        return EngineConfig.load(new DirectoryConfigSource(configDir()));
    }
}
