package com.emailengine.adapters.s3;

import com.emailengine.core.config.ConfigSource;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/** Where a process reads the configuration files: the config folder when one is set (locally), else the config bucket. */
public final class ConfigSources {

    private ConfigSources() {
    }

    /** @param s3 asked for only when the files come from the bucket */
    public static ConfigSource fromSettings(Settings settings, Supplier<S3Client> s3) {
        return settings.get(Settings.CONFIG_DIR)
                .<ConfigSource>map(dir -> new DirectoryConfigSource(Path.of(dir)))
                .orElseGet(() -> new S3ConfigSource(s3.get(),
                        settings.require(ResourceNames.bucketSetting(SystemTopology.CONFIG_BUCKET)),
                        settings.get(Settings.CONFIG_PREFIX).orElse("config/")));
    }
}
