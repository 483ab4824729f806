package com.emailengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --config} comes from one mixin: the same option everywhere, read the same way, failing the same way. */
class ConfigOptionTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void everyCommandReadingTheConfigurationTakesConfigWithTheSameDefault() {
        Map<String, String> described = new TreeMap<>();
        for (CommandLine command : allCommands(new CommandLine(new EmailEngineCli()))) {
            OptionSpec option = command.getCommandSpec().findOption(ConfigOption.NAME);
            if (option != null) {
                described.put(command.getCommandSpec().qualifiedName(" "), String.join(" ", option.description()));
            }
        }

        assertThat(described).containsOnlyKeys("email-engine local", "email-engine demo", "email-engine dns records",
                "email-engine config check", "email-engine warmup plan", "email-engine warmup status",
                "email-engine templates import-mailwizz", "email-engine validate");
        assertThat(described.values()).allMatch(text -> text.endsWith("(default: config/local of the checkout)"));
        assertThat(described).containsEntry("email-engine validate",
                        "configuration folder for --tenant (default: config/local of the checkout)")
                .containsEntry("email-engine templates import-mailwizz",
                        "configuration folder, for --dry-run (default: config/local of the checkout)")
                .containsEntry("email-engine warmup plan", "configuration folder (default: config/local of the checkout)");
    }

    @Test
    void aBadThrottleOrWarmupFileIsOneLineNamingFileAndLineWithExitCode2(@TempDir Path dir) throws Exception {
        try (var files = Files.list(Path.of("../config/local"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Files.writeString(dir.resolve("warmup.yaml"), Files.readString(dir.resolve("warmup.yaml"))
                .replace("  max-bounce-rate: 5%", "  max-bounse-rate: 5%"));

        assertThat(EmailEngineCli.execute("warmup", "plan", "--config", dir.toString())).isEqualTo(2);

        assertThat(console.err()).startsWith("email-engine: configuration error: warmup.yaml line 14: unknown key 'max-bounse-rate'")
                .doesNotContain("\tat ").hasLineCount(1);
        assertThat(console.out()).isEmpty();
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        root.getSubcommands().values().forEach(sub -> all.addAll(allCommands(sub)));
        return all;
    }
}
