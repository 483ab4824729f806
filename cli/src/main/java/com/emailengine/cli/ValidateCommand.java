package com.emailengine.cli;

import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.json.Json;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.Finding;
import com.emailengine.core.validation.MailRouteCheck;
import com.emailengine.core.validation.Validation;
import com.emailengine.core.validation.ValidationData;
import com.emailengine.core.validation.ValidationPolicy;
import com.emailengine.core.validation.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code email-engine validate ADDRESS... | --file contacts.csv}: runs the validation pipeline and prints one JSON line
 * per address, in input order: {@code {"input", "address", "ascii", "verdict", "reasons", "suggestion", "smtputf8"}}
 * (plus {@code "line"} for a file). {@code --offline} leaves DNS out. A summary goes to standard error, so standard
 * output stays one JSON document per line for scripts. Addresses of a file are validated in chunks, their DNS
 * lookups overlapping, so a large file streams in constant memory.
 */
@Command(name = "validate", description = "Validate email addresses: syntax, reserved and disposable domains, role accounts, "
        + "typos of big providers, and (unless --offline) MX through DNS. One JSON line per address.",
        modelTransformer = ValidateCommand.ConfigForTenant.class)
final class ValidateCommand implements Callable<Integer> {

    /** Addresses validated together from a file. */
    static final int CHUNK = 2_000;

    @Parameters(paramLabel = "ADDRESS", arity = "0..*", description = "addresses to validate")
    List<String> addresses = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE", description = "a CSV file (the column named email, else the first), "
            + "or a list with one address per line; - reads standard input")
    String file;

    @Option(names = "--offline", description = "skip DNS (MX, null MX, existence)")
    boolean offline;

    @Option(names = "--dns", paramLabel = "RESOLVER", defaultValue = "system",
            description = "'system' (default) or host:port of a DNS server, e.g. 127.0.0.1:10053 for the local cloud")
    String dns;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "apply this tenant's policy from routing.yaml "
            + "(accept, hold or reject role accounts, typos, disposable domains)")
    String tenant;

    @Mixin
    ConfigOption config;

    @Option(names = "--dns-timeout", defaultValue = "PT3S", description = "wait for one DNS answer (default: ${DEFAULT-VALUE})")
    Duration dnsTimeout;

    @Override
    public Integer call() throws IOException {
        if (addresses.isEmpty() && file == null) {
            throw new IllegalArgumentException("give addresses or --file FILE (see email-engine validate --help)");
        }
        ValidationPolicy policy = ValidationPolicy.DEFAULT;
        if (tenant != null) {
            EngineConfig engine = config.engine();
            if (engine.tenants().find(tenant).isEmpty()) {
                throw new IllegalArgumentException("no tenant '" + tenant + "' (tenants: " + String.join(", ", engine.tenants().ids()) + ")");
            }
            policy = engine.routing().policyFor(tenant);
        }
        MailRouteCheck mx = offline ? null
                : new MailRouteCheck(new MailRouteResolver(DnsResolvers.fromSetting(dns, dnsTimeout), Clock.systemUTC()));
        BulkValidator validator = new BulkValidator(AddressValidator.standard(ValidationData.shipped(), null, mx), 64);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        PrintStream out = System.out;
        List<Entry> chunk = new ArrayList<>();
        for (String address : addresses) {
            chunk.add(new Entry(address, 0));
        }
        if (file != null) {
            try (BufferedReader reader = open(file)) {
                AddressColumn column = null;
                int lineNumber = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    List<String> cells = Csv.split(line);
                    if (column == null) {
                        column = AddressColumn.of(cells);
                        if (column.header()) {
                            continue;
                        }
                    }
                    chunk.add(new Entry(column.index() < cells.size() ? cells.get(column.index()) : "", lineNumber));
                    if (chunk.size() == CHUNK) {
                        print(validator, chunk, policy, counts, out);
                    }
                }
            }
        }
        print(validator, chunk, policy, counts, out);
        out.flush();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.err.printf("validated %d address%s: %d valid, %d risky, %d invalid, %d unknown%s%n", total, total == 1 ? "" : "es",
                counts.getOrDefault(Verdict.VALID, 0), counts.getOrDefault(Verdict.RISKY, 0), counts.getOrDefault(Verdict.INVALID, 0),
                counts.getOrDefault(Verdict.UNKNOWN, 0), offline ? " (offline: no DNS)" : "");
        return 0;
    }

    private record Entry(String input, int line) {
    }

    /** Which cell holds the address: the column named email (a header line), else the first. */
    private record AddressColumn(int index, boolean header) {
        static AddressColumn of(List<String> firstLine) {
            for (int i = 0; i < firstLine.size(); i++) {
                String name = firstLine.get(i).strip().toLowerCase(Locale.ROOT);
                if (name.equals("email") || name.equals("e-mail") || name.equals("email_address") || name.equals("address")) {
                    return new AddressColumn(i, true);
                }
            }
            return new AddressColumn(0, false);
        }
    }

    private static void print(BulkValidator validator, List<Entry> chunk, ValidationPolicy policy, Map<Verdict, Integer> counts,
                              PrintStream out) {
        if (chunk.isEmpty()) {
            return;
        }
        List<BulkValidator.Item> items = chunk.stream().map(e -> new BulkValidator.Item(e.input(), null, policy)).toList();
        List<Validation> results = validator.validateAll(items);
        for (int i = 0; i < results.size(); i++) {
            Validation v = results.get(i);
            counts.merge(v.verdict(), 1, Integer::sum);
            Map<String, Object> line = new LinkedHashMap<>();
            if (chunk.get(i).line() > 0) {
                line.put("line", chunk.get(i).line());
            }
            line.put("input", v.input());
            line.put("address", v.address() == null ? null : v.address().value());
            line.put("ascii", v.address() == null ? null : v.address().asciiForm());
            line.put("verdict", v.verdict().wireName());
            line.put("reasons", v.findings().stream().map(Finding::code).toList());
            if (v.suggestion() != null) {
                line.put("suggestion", v.suggestion());
            }
            line.put("smtputf8", v.address() != null && v.address().needsSmtpUtf8());
            out.println(Json.write(line));
        }
        chunk.clear();
    }

    private static BufferedReader open(String file) throws IOException {
        if (file.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no file " + file, e);
        }
    }

    /** Without --tenant the folder is never read; the help says so. */
    static final class ConfigForTenant implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            return ConfigOption.describedAs(command, "configuration folder for --tenant");
        }
    }

    /** Splits one CSV line (RFC 4180: commas or semicolons, double quotes, doubled quotes inside them). */
    static final class Csv {

        private Csv() {
        }

        static List<String> split(String line) {
            char separator = line.indexOf(',') < 0 && line.indexOf(';') >= 0 ? ';' : ',';
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == separator) {
                    cells.add(cell.toString().strip());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString().strip());
            return cells;
        }
    }
}
