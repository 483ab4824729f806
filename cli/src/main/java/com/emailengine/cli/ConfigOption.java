package com.emailengine.cli;

import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --config}, mixed into every command that reads the configuration folder, and the reading itself.
 * A bad file throws {@link com.emailengine.core.config.ConfigException} as it is: {@link EmailEngineCli} turns it
 * into the one line naming file and line, exit code 2.
 */
final class ConfigOption {

    static final String NAME = "--config";
    private static final String DEFAULT = "(default: config/local of the checkout)";

    // Named "config" because picocli takes the synopsis label <config> from the field's name.
    @Option(names = NAME, description = "configuration folder " + DEFAULT)
    Path config;

    /** The folder given, else the checkout's {@code config/local}, even when the command runs from elsewhere. */
    Path dir() {
        return config != null ? config : EmailEngineCli.home().resolve("config/local");
    }

    EngineConfig engine() {
        return EngineConfig.load(new DirectoryConfigSource(dir()));
    }

    /** Throttles and warmup are checked against the tenants, hence the engine configuration read first. */
    DeliveryPolicy policy(EngineConfig engine) {
        return DeliveryPolicy.load(new DirectoryConfigSource(dir()), engine.tenants());
    }

    /**
     * For a command whose {@code model transformer} calls it: its help says what the folder is read for, since
     * there it is read only with another option ("configuration folder for --tenant").
     */
    static CommandSpec describedAs(CommandSpec command, String what) {
        OptionSpec option = command.findOption(NAME);
        command.remove(option);
        command.addOption(option.toBuilder().description(what + " " + DEFAULT).build());
        return command;
    }
}
