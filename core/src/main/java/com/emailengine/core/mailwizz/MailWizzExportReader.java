package com.emailengine.core.mailwizz;

import com.emailengine.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads what MailWizz exports: an HTML template file (tags and all), the zip of a template (an HTML file, often
 * {@code index.html}, with its images; one zip may hold several templates in folders), and autoresponder definitions
 * as JSON (the records of MailWizz's campaigns API, a list or {@code {"data":{"records":[...]}}}) or CSV (one row per
 * campaign with the {@code campaign} and {@code campaign_option} columns). Zips are read with limits (entries, sizes),
 * so a hostile archive cannot exhaust memory. Stateless.
 */
public final class MailWizzExportReader {

    static final int MAX_ENTRIES = 2_000;
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    static final int MAX_HTML_BYTES = 1024 * 1024;
    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_\\-]+)");

    private MailWizzExportReader() {
    }

    /** Reads one file by its name and bytes: {@code .zip}, {@code .html}/{@code .htm}, {@code .json}, {@code .csv}. */
    public static ExportContents read(String fileName, byte[] bytes) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip") || isZip(bytes)) {
            return zip(fileName, bytes);
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            if (bytes.length > MAX_HTML_BYTES) {
                return problem(fileName + ": larger than " + MAX_HTML_BYTES + " bytes");
            }
            String html = text(bytes);
            return new ExportContents(List.of(template(fileName, baseName(fileName), html, null, Set.of())), List.of(), List.of());
        }
        if (lower.endsWith(".json")) {
            return json(fileName, text(bytes));
        }
        if (lower.endsWith(".csv")) {
            return csv(fileName, text(bytes));
        }
        return problem(fileName + ": not a MailWizz export (expected .zip, .html, .json or .csv)");
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    private static ExportContents zip(String zipName, byte[] bytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            int count = 0;
            while ((entry = in.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    return problem(zipName + ": more than " + MAX_ENTRIES + " entries");
                }
                String name = entry.getName().replace('\\', '/');
                if (entry.isDirectory() || name.startsWith("__MACOSX/") || name.endsWith(".DS_Store")) {
                    continue;
                }
                String lower = name.toLowerCase(Locale.ROOT);
                boolean wanted = lower.endsWith(".html") || lower.endsWith(".htm") || lower.endsWith(".txt")
                        || lower.endsWith(".json") || lower.endsWith(".csv");
                // Assets (images) are only counted, never held: the engine does not import them.
                byte[] content = wanted ? in.readNBytes(MAX_HTML_BYTES + 1) : new byte[0];
                total += wanted ? content.length : skip(in, MAX_TOTAL_BYTES - total + 1);
                if (total > MAX_TOTAL_BYTES) {
                    return problem(zipName + ": more than " + (MAX_TOTAL_BYTES >> 20) + " MB uncompressed");
                }
                if (wanted && content.length > MAX_HTML_BYTES) {
                    problems.add(zipName + "!" + name + ": larger than " + MAX_HTML_BYTES + " bytes, skipped");
                    continue;
                }
                entries.put(name, wanted ? content : new byte[0]);
            }
        } catch (IOException | IllegalArgumentException e) {
            return problem(zipName + ": not a readable zip (" + e.getMessage() + ")");
        }
        List<String> htmlFiles = entries.keySet().stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".html") || n.toLowerCase(Locale.ROOT).endsWith(".htm")).toList();
        ExportContents contents = new ExportContents(List.of(), List.of(), problems);
        List<MailWizzTemplate> templates = new ArrayList<>();
        for (String html : htmlFiles) {
            String folder = html.contains("/") ? html.substring(0, html.lastIndexOf('/') + 1) : "";
            String base = baseName(html);
            String name = htmlFiles.size() == 1 ? baseName(zipName)
                    : base.equalsIgnoreCase("index") && !folder.isEmpty() ? baseName(folder.substring(0, folder.length() - 1)) : base;
            String stem = html.substring(0, html.lastIndexOf('.'));
            byte[] textBytes = entries.get(stem + ".txt");
            Set<String> files = new LinkedHashSet<>();
            entries.keySet().stream().filter(n -> n.startsWith(folder)).forEach(n -> files.add(n.substring(folder.length())));
            templates.add(template(zipName + "!" + html, name, text(entries.get(html)), textBytes == null ? null : text(textBytes), files));
        }
        contents = contents.plus(new ExportContents(templates, List.of(), List.of()));
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String lower = entry.getKey().toLowerCase(Locale.ROOT);
            if (lower.endsWith(".json")) {
                contents = contents.plus(json(zipName + "!" + entry.getKey(), text(entry.getValue())));
            } else if (lower.endsWith(".csv")) {
                contents = contents.plus(csv(zipName + "!" + entry.getKey(), text(entry.getValue())));
            }
        }
        if (contents.templates().isEmpty() && contents.autoresponders().isEmpty()) {
            return contents.plus(problem(zipName + ": no HTML template, JSON or CSV file inside"));
        }
        return contents;
    }

    /** Reads and drops up to {@code limit} bytes of the current entry; returns how many there were. */
    private static long skip(ZipInputStream in, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long count = 0;
        int read;
        while (count < limit && (read = in.read(buffer)) > 0) {
            count += read;
        }
        return count;
    }

    private static MailWizzTemplate template(String source, String name, String html, String text, Set<String> filesBeside) {
        Document document = Jsoup.parse(html);
        Element title = document.selectFirst("title");
        String subject = title == null || title.text().isBlank() ? null : title.text().strip();
        Set<String> local = new LinkedHashSet<>();
        for (Element element : document.select("[src], [background], link[href]")) {
            for (String attribute : List.of("src", "background", "href")) {
                String value = element.attr(attribute).strip();
                if (!value.isEmpty() && relative(value)) {
                    local.add(value + (filesBeside.contains(value) ? " (in the export)" : " (not in the export)"));
                }
            }
        }
        return new MailWizzTemplate(source, name, subject, html, text, List.copyOf(local));
    }

    private static boolean relative(String reference) {
        String lower = reference.toLowerCase(Locale.ROOT);
        return !(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("//")
                || lower.startsWith("data:") || lower.startsWith("cid:") || lower.startsWith("mailto:")
                || lower.startsWith("#") || lower.startsWith("[") || lower.startsWith("tel:"));
    }

    private static ExportContents json(String source, String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return problem(source + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode records = root;
        for (String path : List.of("data", "records", "autoresponders", "campaigns", "templates")) {
            if (records.isObject() && records.has(path)) {
                records = records.get(path);
            }
        }
        if (records.isObject() && records.has("records")) {
            records = records.get("records");
        }
        if (records.isObject()) {
            records = Json.MAPPER.createArrayNode().add(records);
        }
        if (!records.isArray()) {
            return problem(source + ": expected a list of campaign or template records");
        }
        List<MailWizzAutoresponder> autoresponders = new ArrayList<>();
        List<MailWizzTemplate> templates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode record : records) {
            index++;
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", record, flat);
            String type = string(flat, "type");
            boolean campaign = type != null || flat.keySet().stream().anyMatch(k -> k.startsWith("autoresponder_"));
            if (!campaign && (flat.containsKey("content") || flat.containsKey("html"))) {
                String content = firstOf(flat, "content", "html");
                String name = firstOf(flat, "name", "template_uid");
                templates.add(template(source + "#" + index, name == null ? "template-" + index : name, content, null, Set.of()));
                continue;
            }
            if (type != null && !type.equalsIgnoreCase("autoresponder")) {
                problems.add(source + " record " + index + " (" + firstOf(flat, "name", "campaign_uid")
                        + "): a " + type + " campaign, not an autoresponder; skipped");
                continue;
            }
            autoresponders.add(autoresponder(flat, record));
        }
        return new ExportContents(templates, autoresponders, problems);
    }

    private static ExportContents csv(String source, String text) {
        List<List<String>> rows = CsvRows.parse(text);
        if (rows.size() < 2) {
            return problem(source + ": no rows under the header");
        }
        List<String> header = rows.getFirst().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<MailWizzAutoresponder> autoresponders = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, Object> flat = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < row.size(); c++) {
                flat.put(header.get(c), row.get(c));
            }
            String type = string(flat, "type");
            if (type != null && !type.isBlank() && !type.equalsIgnoreCase("autoresponder")) {
                problems.add(source + " line " + (r + 1) + ": a " + type + " campaign, not an autoresponder; skipped");
                continue;
            }
            autoresponders.add(autoresponder(flat, null));
        }
        return new ExportContents(List.of(), autoresponders, problems);
    }

    private static MailWizzAutoresponder autoresponder(Map<String, Object> flat, JsonNode original) {
        Map<String, Object> kept = original == null ? new LinkedHashMap<>(flat)
                : Json.MAPPER.convertValue(original, Json.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        int delay;
        try {
            String raw = firstOf(flat, "autoresponder_time_value", "options.autoresponder_time_value");
            delay = raw == null || raw.isBlank() ? 0 : Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            delay = 0;
        }
        String hour = firstOf(flat, "autoresponder_time_min_hour", "options.autoresponder_time_min_hour");
        String minute = firstOf(flat, "autoresponder_time_min_minute", "options.autoresponder_time_min_minute");
        String notBefore = hour == null || hour.isBlank() ? null : hour + ":" + (minute == null || minute.isBlank() ? "00" : minute);
        return new MailWizzAutoresponder(
                firstOf(flat, "campaign_uid", "uid", "id", "campaign_id"),
                firstOf(flat, "name", "campaign_name"),
                firstOf(flat, "status"),
                firstOf(flat, "subject", "campaign_subject"),
                firstOf(flat, "options.preheader", "preheader"),
                firstOf(flat, "from_name", "campaign_from_name"),
                firstOf(flat, "from_email", "campaign_from_email"),
                firstOf(flat, "reply_to", "campaign_reply_to"),
                firstOf(flat, "list.name", "list_name", "list.display_name", "list.list_uid", "list_uid"),
                firstOf(flat, "autoresponder_event", "options.autoresponder_event"),
                delay,
                firstOf(flat, "autoresponder_time_unit", "options.autoresponder_time_unit"),
                yes(firstOf(flat, "autoresponder_include_imported", "options.autoresponder_include_imported")),
                yes(firstOf(flat, "autoresponder_include_current", "options.autoresponder_include_current")),
                firstNonZero(flat, "autoresponder_open_campaign_id", "options.autoresponder_open_campaign_id",
                        "autoresponder_sent_campaign_id", "options.autoresponder_sent_campaign_id"),
                notBefore,
                firstOf(flat, "template.name", "template_name", "template.template_uid", "template_uid", "template.uid"),
                firstOf(flat, "template.content", "content", "html", "template.html"),
                kept);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix + e.getKey().toLowerCase(Locale.ROOT) + ".", e.getValue(), out));
        } else if (!node.isArray() && !node.isNull()) {
            out.put(prefix.substring(0, prefix.length() - 1), node.asText());
        }
    }

    private static String string(Map<String, Object> flat, String key) {
        Object value = flat.get(key);
        return value == null ? null : value.toString();
    }

    private static String firstOf(Map<String, Object> flat, String... keys) {
        for (String key : keys) {
            String value = string(flat, key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String firstNonZero(Map<String, Object> flat, String... keys) {
        for (String key : keys) {
            String value = string(flat, key);
            if (value != null && !value.isBlank() && !value.strip().equals("0")) {
                return value.strip();
            }
        }
        return null;
    }

    private static boolean yes(String value) {
        return value != null && (value.equalsIgnoreCase("yes") || value.equals("1") || value.equalsIgnoreCase("true"));
    }

    private static ExportContents problem(String message) {
        return new ExportContents(List.of(), List.of(), List.of(message));
    }

    static String baseName(String path) {
        String name = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** UTF-8 (BOM dropped) when the bytes are UTF-8; else the charset the HTML declares; else Windows-1252. */
    static String text(byte[] bytes) {
        int offset = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            String latin = new String(bytes, StandardCharsets.ISO_8859_1);
            Matcher declared = META_CHARSET.matcher(latin);
            if (declared.find()) {
                try {
                    return new String(bytes, Charset.forName(declared.group(1)));
                } catch (IllegalArgumentException unknown) {
                    // fall through
                }
            }
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }
}
