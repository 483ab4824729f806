package com.emailengine.cli;

import com.emailengine.core.config.ConfigException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code email-engine}: the operator's command. Each subcommand is a small class; add one by writing it
 * and listing it here. Errors print one line naming the problem (exit 1, or 2 for bad configuration or
 * usage), never a stack trace unless {@code EE_DEBUG=1}.
 */
@Command(name = "email-engine", mixinStandardHelpOptions = true, version = "email-engine 0.1.0",
        description = "Operate Email-Engine: run it locally, check configuration, print DNS records, validate addresses, import templates, steer warmup and the fleet.",
        subcommands = {LocalCommand.class, DemoCommand.class, DnsCommand.class, ConfigCommand.class, ValidateCommand.class,
                TemplatesCommand.class, CampaignsCommand.class, WarmupCommand.class, FleetCommand.class})
public final class EmailEngineCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new EmailEngineCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (System.getenv("EE_DEBUG") != null) {
                e.printStackTrace();
            }
            if (e instanceof ConfigException) {
                cmd.getErr().println("email-engine: configuration error: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("email-engine: " + describe(e));
            return 1;
        });
        return commandLine.execute(args);
    }

    private static String describe(Throwable e) {
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }

    /** Where the checkout lives: set by the bin/email-engine wrapper, else the working directory. */
    static Path home() {
        String home = System.getenv("EE_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }
}
