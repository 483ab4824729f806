package com.emailengine.cli;

import com.emailengine.core.json.Json;
import com.emailengine.core.mailwizz.AutoresponderStore;
import com.emailengine.core.mailwizz.ExportContents;
import com.emailengine.core.mailwizz.ImportReport;
import com.emailengine.core.mailwizz.ImportedAutoresponder;
import com.emailengine.core.mailwizz.MailWizzExportReader;
import com.emailengine.core.mailwizz.MailWizzImport;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.TemplateCatalog;
import com.emailengine.core.templating.TemplateCompiler;
import com.emailengine.core.templating.TemplateRecord;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateSandbox;
import com.emailengine.core.templating.TemplateStore;
import com.emailengine.core.templating.TemplateVersion;
import com.emailengine.core.tenant.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code email-engine templates import-mailwizz PATH}: moves MailWizz templates and autoresponders over. */
@Command(name = "templates", description = "Work with templates.", subcommands = TemplatesCommand.ImportMailWizz.class)
final class TemplatesCommand {

    @Command(name = "import-mailwizz", description = "Import MailWizz template exports (.html, the template .zip) and "
            + "autoresponder definitions (.json, .csv) from a file or a folder: tags are converted once, and a report "
            + "lists what was imported and what needs attention (unknown tags, refused tags, images to host).",
            modelTransformer = TemplatesCommand.ConfigForDryRun.class)
    static final class ImportMailWizz implements Callable<Integer> {

        @Parameters(paramLabel = "PATH", description = "an export file, or a folder of them")
        Path path;

        @Option(names = "--tenant", required = true, description = "the tenant the templates belong to")
        String tenant;

        @Mixin
        ApiOption api;

        @Option(names = "--language", description = "the language the templates are written in (default: the tenant's)")
        String language;

        @Option(names = "--inline-css", description = "inline the templates' <style> rules into style attributes")
        boolean inlineCss;

        @Option(names = "--dry-run", description = "convert and check here, store nothing, no API needed")
        boolean dryRun;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            List<Path> files = exportFiles(path);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .zip, .html, .json or .csv file in " + path);
            }
            int notImported = 0;
            int attention = 0;
            for (Path file : files) {
                ImportReport report = dryRun ? offline(file) : online(file);
                print(file, report);
                notImported += (int) report.notImported();
                attention += report.attention().size();
            }
            System.out.printf("%d file(s); %d template(s) not imported; %d item(s) need attention%s%n", files.size(), notImported,
                    attention, dryRun ? " (dry run: nothing stored)" : "");
            return notImported == 0 ? 0 : 1;
        }

        private ImportReport online(Path file) {
            String type = contentType(file);
            StringBuilder uri = new StringBuilder("/api/v2/tenants/")
                    .append(URLEncoder.encode(tenant, StandardCharsets.UTF_8)).append("/imports/mailwizz?file_name=")
                    .append(URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8));
            if (language != null) {
                uri.append("&language=").append(URLEncoder.encode(language, StandardCharsets.UTF_8));
            }
            if (inlineCss) {
                uri.append("&inline_css=true");
            }
            byte[] body;
            try {
                body = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            return Json.read(api.call("POST", uri.toString(), type, body, file.getFileName().toString()).body(), ImportReport.class);
        }

        private ImportReport offline(Path file) {
            Path dir = config.dir();
            Tenant found = config.engine().tenants().all().stream()
                    .filter(t -> t.id().equals(tenant)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no tenant '" + tenant + "' in " + dir));
            LanguageTag written = LanguageTag.parse(language != null ? language : found.defaultLanguage())
                    .orElseThrow(() -> new IllegalArgumentException("'" + language + "' is not a language tag such as fr or pt-BR"));
            ExportContents export;
            try {
                export = MailWizzExportReader.read(file.getFileName().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            TemplateCatalog catalog = new TemplateCatalog(new NoStore(), new TemplateCompiler(new TemplateSandbox()), Clock.systemUTC());
            return new MailWizzImport(catalog, new AutoresponderStore() {
                @Override
                public void put(ImportedAutoresponder autoresponder) {
                    throw new IllegalStateException("a dry run stores nothing");
                }

                @Override
                public List<ImportedAutoresponder> all(String tenantId) {
                    return List.of();
                }
            }, Clock.systemUTC()).run(tenant, export, written, inlineCss, true);
        }

        private static void print(Path file, ImportReport report) {
            System.out.println(file.getFileName() + ":");
            report.problems().forEach(p -> System.out.println("  ! " + p));
            for (ImportReport.TemplateResult t : report.templates()) {
                String what = switch (t.status()) {
                    case "imported" -> "imported as " + t.key() + " v" + t.version();
                    case "unchanged" -> "unchanged (" + t.key() + " v" + t.version() + ")";
                    case "would-import" -> "would import as " + t.key();
                    default -> "NOT IMPORTED";
                };
                System.out.println("  template " + t.name() + ": " + what
                        + (t.convertedTags().isEmpty() ? "" : "; tags converted: " + String.join(" ", t.convertedTags())));
                t.attention().forEach(a -> System.out.println("    - " + a));
            }
            for (ImportReport.AutoresponderResult a : report.autoresponders()) {
                System.out.println("  autoresponder " + a.name() + " (" + a.event() + " + " + a.delay() + "): "
                        + (a.templateKey() == null ? "definition stored, no template" : "template " + a.templateKey()
                        + (a.templateVersion() == null ? "" : " v" + a.templateVersion())));
                a.attention().forEach(x -> System.out.println("    - " + x));
            }
        }

        private static List<Path> exportFiles(Path path) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or folder: " + path);
            }
            if (!Files.isDirectory(path)) {
                return List.of(path);
            }
            try (Stream<Path> walk = Files.walk(path)) {
                return walk.filter(Files::isRegularFile).filter(p -> !contentType(p).isEmpty()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
            }
        }

        private static String contentType(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".zip")) {
                return "application/zip";
            }
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return "text/html; charset=utf-8";
            }
            if (name.endsWith(".json")) {
                return "application/json";
            }
            if (name.endsWith(".csv")) {
                return "text/csv";
            }
            return "";
        }
    }

    /** Only a dry run reads the folder (an import through the API uses the engine's own); the help says so. */
    static final class ConfigForDryRun implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            return ConfigOption.describedAs(command, "configuration folder, for --dry-run");
        }
    }

    /** A dry run never stores: the catalog only compiles. */
    private static final class NoStore implements TemplateStore {
        @Override
        public Optional<TemplateRecord> record(String tenantId, String key) {
            return Optional.empty();
        }

        @Override
        public List<TemplateRecord> records(String tenantId) {
            return new ArrayList<>();
        }

        @Override
        public Optional<TemplateVersion> version(TemplateRef ref) {
            return Optional.empty();
        }

        @Override
        public boolean append(TemplateVersion version, String name, Instant at) {
            throw new IllegalStateException("a dry run stores nothing");
        }

        @Override
        public boolean markDeleted(String tenantId, String key, Instant at) {
            throw new IllegalStateException("a dry run stores nothing");
        }
    }
}
