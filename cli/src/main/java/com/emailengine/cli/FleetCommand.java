package com.emailengine.cli;

import com.emailengine.core.pmta.PowerMtaImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code email-engine fleet import-pmta PATH}: PowerMTA's IP and domain configuration as Email-Engine's data. */
@Command(name = "fleet", description = "The sender fleet's configuration.", subcommands = FleetCommand.ImportPmta.class)
final class FleetCommand {

    @Command(name = "import-pmta", description = "Read a PowerMTA config (virtual-mta, virtual-mta-pool, <domain> directives) and"
            + " write throttles.yaml and pools-from-pmta.yaml, reporting anything that could not be mapped.")
    static final class ImportPmta implements Runnable {

        @Parameters(paramLabel = "PATH", description = "the PowerMTA configuration file, e.g. /etc/pmta/config")
        Path path;

        @Option(names = "--out", description = "folder to write into (default: the current folder); existing files are not overwritten"
                + " unless --force")
        Path out;

        @Option(names = "--force", description = "overwrite throttles.yaml and pools-from-pmta.yaml when they exist")
        boolean force;

        @Override
        public void run() {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no PowerMTA configuration at " + path);
            }
            PowerMtaImport.Result result;
            try {
                result = PowerMtaImport.of(Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(path + " " + e.getMessage(), e);
            }
            Path dir = out != null ? out : Path.of(".");
            Path throttles = dir.resolve("throttles.yaml");
            Path pools = dir.resolve("pools-from-pmta.yaml");
            for (Path file : new Path[] {throttles, pools}) {
                if (Files.exists(file) && !force) {
                    throw new IllegalArgumentException(file + " exists; use --force to overwrite it or --out another folder");
                }
            }
            try {
                Files.createDirectories(dir);
                Files.writeString(throttles, result.throttlesYaml(), StandardCharsets.UTF_8);
                Files.writeString(pools, result.poolsYaml(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write into " + dir + ": " + e.getMessage(), e);
            }
            System.out.printf("Imported %d provider(s) into %s and %d address(es) into %s.%n", result.providers(), throttles,
                    result.addresses(), pools);
            if (result.report().isEmpty()) {
                System.out.println("Everything was mapped.");
            } else {
                System.out.println("Not mapped (" + result.report().size() + "):");
                result.report().forEach(line -> System.out.println("  " + line));
            }
            System.out.println("Next: review the files, move the pools into tenants.yaml, then `email-engine config check`.");
        }
    }
}
