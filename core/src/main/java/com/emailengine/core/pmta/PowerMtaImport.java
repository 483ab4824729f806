package com.emailengine.core.pmta;

import com.emailengine.core.pmta.PowerMtaConfig.Block;
import com.emailengine.core.pmta.PowerMtaConfig.Directive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a PowerMTA configuration into Email-Engine's data: {@code <domain>} blocks become providers of
 * {@code throttles.yaml} ({@code <domain *>} the defaults), {@code <virtual-mta>}s with their
 * {@code smtp-source-host} become addresses with their EHLO name, {@code <virtual-mta-pool>}s become
 * {@code ip-pool} entries to paste under a tenant in {@code tenants.yaml}. Directives without an equivalent
 * are listed in the report with their line, never dropped silently.
 *
 * <p>Mapping: max-smtp-out → max-connections; max-msg-per-connection → messages-per-connection;
 * max-msg-rate (n/h, n/m, n/s, n/d, unlimited) → messages-per-hour; retry-after → retry-after;
 * bounce-after → bounce-after; backoff-retry-after → backoff; backoff-to-normal-after → max-backoff;
 * require-starttls yes → tls: required; use-starttls, mx-rollup → what the fleet always does.
 */
public final class PowerMtaImport {

    /** What the import produced: the files' text and the report lines. */
    public record Result(String throttlesYaml, String poolsYaml, List<String> report, int providers, int addresses) {
    }

    /** Recipient domains whose providers publish MX hosts the fleet already knows how to roll up. */
    private static final Map<String, String> KNOWN_MX = Map.ofEntries(
            Map.entry("gmail.com", "*.google.com"), Map.entry("googlemail.com", "*.google.com"),
            Map.entry("hotmail.com", "*.olc.protection.outlook.com"), Map.entry("outlook.com", "*.olc.protection.outlook.com"),
            Map.entry("live.com", "*.olc.protection.outlook.com"), Map.entry("msn.com", "*.olc.protection.outlook.com"),
            Map.entry("yahoo.com", "*.yahoodns.net"), Map.entry("aol.com", "*.yahoodns.net"));
    private static final Pattern RATE = Pattern.compile("(\\d+)\\s*/\\s*(\\d*)\\s*([smhd])", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd]?)", Pattern.CASE_INSENSITIVE);

    private PowerMtaImport() {
    }

    public static Result of(String pmtaConfig) {
        Block root = PowerMtaConfig.parse(pmtaConfig);
        List<String> report = new ArrayList<>();
        StringBuilder throttles = new StringBuilder("# Imported from a PowerMTA configuration by `email-engine fleet import-pmta`.\n"
                + "# Schema: docs/config.md#throttlesyaml. Check the import report for what could not be mapped.\n");
        Map<String, String> defaults = new LinkedHashMap<>();
        List<Block> domains = root.blocks("domain");
        for (Block domain : domains) {
            if (domain.argument().equals("*")) {
                defaults = limits(domain, report);
            }
        }
        if (!defaults.isEmpty()) {
            throttles.append("defaults:\n");
            defaults.forEach((key, value) -> throttles.append("  ").append(key).append(": ").append(value).append('\n'));
        }
        int providers = 0;
        StringBuilder providerText = new StringBuilder();
        for (Block domain : domains) {
            if (domain.argument().equals("*")) {
                continue;
            }
            List<String> names = List.of(domain.argument().toLowerCase(Locale.ROOT).split("[\\s,]+"));
            if (names.stream().anyMatch(n -> n.contains("*") || n.startsWith("$"))) {
                report.add("line " + domain.line() + ": <domain " + domain.argument() + ">: wildcard and macro domains are not"
                        + " imported; list the domains or MX patterns of a provider instead");
                continue;
            }
            Map<String, String> limits = limits(domain, report);
            providers++;
            providerText.append("  - name: ").append(names.getFirst().replace('.', '-')).append('\n');
            providerText.append("    domains: [").append(String.join(", ", names)).append("]\n");
            List<String> mx = names.stream().filter(KNOWN_MX::containsKey).map(KNOWN_MX::get).distinct().toList();
            if (!mx.isEmpty()) {
                providerText.append("    mx: [").append(String.join(", ", mx.stream().map(p -> "\"" + p + "\"").toList())).append("]\n");
            }
            limits.forEach((key, value) -> providerText.append("    ").append(key).append(": ").append(value).append('\n'));
        }
        if (providers > 0) {
            throttles.append("providers:\n").append(providerText);
        }
        StringBuilder pools = new StringBuilder("# Imported from PowerMTA: paste each pool's entries under the ip-pool of its tenant\n"
                + "# in tenants.yaml (an address may belong to one tenant only).\n");
        Map<String, String[]> vmtas = new LinkedHashMap<>();
        for (Block vmta : root.blocks("virtual-mta")) {
            Directive source = vmta.directive("smtp-source-host").orElse(null);
            if (source == null) {
                report.add("line " + vmta.line() + ": <virtual-mta " + vmta.argument() + "> has no smtp-source-host; skipped");
                continue;
            }
            String[] parts = source.value().split("\\s+");
            vmtas.put(vmta.argument(), new String[] {parts[0], parts.length > 1 ? parts[1] : ""});
            if (parts.length < 2) {
                report.add("line " + source.line() + ": smtp-source-host " + parts[0] + " has no host name: set its ehlo (PTR) name");
            }
            for (Directive directive : vmta.directives()) {
                if (!directive.name().equals("smtp-source-host")) {
                    report.add("line " + directive.line() + ": virtual-mta " + vmta.argument() + ": '" + directive.name()
                            + "' has no per-IP equivalent; not imported");
                }
            }
            for (Block inner : vmta.blocks()) {
                report.add("line " + inner.line() + ": <" + inner.name() + " " + inner.argument() + "> inside virtual-mta "
                        + vmta.argument() + ": per-IP overrides are not supported; the provider's limits apply to every IP");
            }
        }
        List<String> inPools = new ArrayList<>();
        for (Block pool : root.blocks("virtual-mta-pool")) {
            pools.append(pool.argument()).append(":\n  ip-pool:\n");
            for (Directive member : pool.directives()) {
                if (!member.name().equals("virtual-mta")) {
                    report.add("line " + member.line() + ": virtual-mta-pool " + pool.argument() + ": '" + member.name()
                            + "' not imported");
                    continue;
                }
                String[] address = vmtas.get(member.value());
                if (address == null) {
                    report.add("line " + member.line() + ": pool " + pool.argument() + " names unknown virtual-mta " + member.value());
                    continue;
                }
                inPools.add(member.value());
                pools.append("    - addresses: ").append(address[0]).append('\n');
                pools.append("      ehlo: \"").append(address[1].isEmpty() ? "mta-{dashed}.example.invalid" : address[1]).append("\"\n");
            }
        }
        vmtas.keySet().stream().filter(name -> !inPools.contains(name)).forEach(name ->
                report.add("virtual-mta " + name + " (" + vmtas.get(name)[0] + ") is in no virtual-mta-pool: not assigned to a tenant"));
        for (Directive directive : root.directives()) {
            report.add("line " + directive.line() + ": global '" + directive.name() + "' not imported (server settings of PowerMTA)");
        }
        for (Block block : root.blocks()) {
            if (!List.of("domain", "virtual-mta", "virtual-mta-pool").contains(block.name())) {
                report.add("line " + block.line() + ": <" + block.name() + (block.argument().isEmpty() ? "" : " " + block.argument())
                        + "> not imported");
            }
        }
        report.sort(java.util.Comparator.comparingInt(PowerMtaImport::lineOf));
        return new Result(throttles.toString(), pools.toString(), report, providers, vmtas.size());
    }

    /** The line a report entry names, entries without one last. */
    private static int lineOf(String entry) {
        Matcher m = Pattern.compile("^line (\\d+):").matcher(entry);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static Map<String, String> limits(Block domain, List<String> report) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Directive d : domain.directives()) {
            String value = d.value().strip().toLowerCase(Locale.ROOT);
            String where = "line " + d.line() + ": <domain " + domain.argument() + "> " + d.name() + " " + d.value();
            switch (d.name()) {
                case "max-smtp-out" -> integer(value).ifPresentOrElse(v -> out.put("max-connections", v),
                        () -> report.add(where + ": not a number"));
                case "max-msg-per-connection" -> integer(value).ifPresentOrElse(v -> out.put("messages-per-connection", v),
                        () -> report.add(where + ": not a number"));
                case "max-msg-rate" -> {
                    if (value.equals("unlimited")) {
                        out.put("messages-per-hour", "0");
                    } else {
                        Matcher m = RATE.matcher(value);
                        if (m.matches()) {
                            long count = Long.parseLong(m.group(1));
                            long per = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
                            double perHour = switch (m.group(3).toLowerCase(Locale.ROOT)) {
                                case "s" -> count * 3600.0 / per;
                                case "m" -> count * 60.0 / per;
                                case "h" -> (double) count / per;
                                default -> count / (24.0 * per);
                            };
                            out.put("messages-per-hour", Long.toString(Math.max(1, (long) Math.floor(perHour))));
                        } else {
                            report.add(where + ": rate not understood (expected n/h, n/m, n/s, n/d)");
                        }
                    }
                }
                case "retry-after" -> duration(value).ifPresentOrElse(v -> out.put("retry-after", v), () -> report.add(where + ": not a duration"));
                case "bounce-after" -> duration(value).ifPresentOrElse(v -> out.put("bounce-after", v), () -> report.add(where + ": not a duration"));
                case "backoff-retry-after" -> duration(value).ifPresentOrElse(v -> out.put("backoff", v), () -> report.add(where + ": not a duration"));
                case "backoff-to-normal-after" -> {
                    duration(value).ifPresentOrElse(v -> out.put("max-backoff", v), () -> report.add(where + ": not a duration"));
                    report.add(where + ": mapped to max-backoff (the fleet pauses the provider and doubles the pause;"
                            + " it has no reduced-rate backoff mode)");
                }
                case "require-starttls" -> {
                    if (value.equals("yes") || value.equals("true")) {
                        out.put("tls", "required");
                    }
                }
                case "use-starttls", "mx-rollup" -> {
                    // The fleet always offers STARTTLS and always rolls MX hosts up to providers.
                }
                default -> report.add(where + ": no equivalent; not imported");
            }
        }
        if (out.containsKey("backoff") && out.containsKey("max-backoff")
                && parse(out.get("max-backoff")).compareTo(parse(out.get("backoff"))) < 0) {
            out.put("max-backoff", out.get("backoff"));
        }
        return out;
    }

    private static java.util.Optional<String> integer(String value) {
        return value.matches("\\d{1,9}") ? java.util.Optional.of(value) : java.util.Optional.empty();
    }

    /** PowerMTA durations ({@code 10m}, {@code 4d}, {@code 30}, seconds when bare) in our short form. */
    private static java.util.Optional<String> duration(String value) {
        Matcher m = DURATION.matcher(value.replace(" ", ""));
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(m.group(1) + (m.group(2).isEmpty() ? "s" : m.group(2).toLowerCase(Locale.ROOT)));
    }

    private static Duration parse(String shortForm) {
        long amount = Long.parseLong(shortForm.substring(0, shortForm.length() - 1));
        return switch (shortForm.charAt(shortForm.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
