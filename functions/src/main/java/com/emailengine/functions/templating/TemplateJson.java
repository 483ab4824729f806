package com.emailengine.functions.templating;

import com.emailengine.core.json.Json;
import com.emailengine.core.mailwizz.ImportReport;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.RenderedContent;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateOptions;
import com.emailengine.core.templating.TemplateRecord;
import com.emailengine.core.templating.TemplateVariant;
import com.emailengine.core.templating.TemplateVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the templates API: request bodies read with field-named errors, responses written as maps. */
final class TemplateJson {

    /** A request field that is missing or wrong; becomes a 422 naming the field. */
    static final class BadField extends RuntimeException {
        final String field;
        final boolean missing;

        BadField(String field, boolean missing, String message) {
            super(message);
            this.field = field;
            this.missing = missing;
        }
    }

    private TemplateJson() {
    }

    /**
     * {@code {"default_language":"fr","options":{"inline_css":true},"variants":[{"language":"fr","subject":"…",
     * "preheader":"…","html":"…","text":"…"}]}}
     */
    static TemplateContent content(JsonNode body) {
        JsonNode variants = body.get("variants");
        if (variants == null || !variants.isArray() || variants.isEmpty()) {
            throw new BadField("variants", variants == null, "'variants' must be a non-empty list of {language, subject, html, ...}");
        }
        List<TemplateVariant> list = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            JsonNode v = variants.get(i);
            String prefix = "variants[" + i + "].";
            LanguageTag language = language(v, prefix + "language", true);
            String subject = text(v, prefix + "subject", "subject", true);
            String html = text(v, prefix + "html", "html", true);
            try {
                list.add(new TemplateVariant(language, subject, text(v, prefix + "preheader", "preheader", false), html,
                        text(v, prefix + "text", "text", false)));
            } catch (IllegalArgumentException e) {
                throw new BadField(prefix.substring(0, prefix.length() - 1), false, e.getMessage());
            }
        }
        LanguageTag defaultLanguage = language(body, "default_language", false);
        JsonNode options = body.get("options");
        boolean inline = options != null && options.has("inline_css") && options.get("inline_css").asBoolean(false);
        try {
            return new TemplateContent(defaultLanguage, list, new TemplateOptions(inline));
        } catch (IllegalArgumentException e) {
            throw new BadField("variants", false, e.getMessage());
        }
    }

    static LanguageTag language(JsonNode node, String field, boolean required) {
        JsonNode value = node == null ? null : node.get(field.substring(field.lastIndexOf('.') + 1));
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw new BadField(field, true, "'" + field + "' is required");
            }
            return null;
        }
        return LanguageTag.parse(value.asText())
                .orElseThrow(() -> new BadField(field, false, "'" + value.asText() + "' is not a language tag such as fr or pt-BR"));
    }

    static String text(JsonNode node, String field, String name, boolean required) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadField(field, true, "'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadField(field, false, "'" + field + "' must be a string");
        }
        return value.asText();
    }

    static Map<String, Object> record(TemplateRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", record.key());
        out.put("name", record.name());
        out.put("latest_version", record.latestVersion());
        out.put("languages", record.languages().stream().map(LanguageTag::value).toList());
        out.put("origin", record.origin());
        out.put("created_at", record.createdAt().toString());
        out.put("updated_at", record.updatedAt().toString());
        record.deletedAt().ifPresent(at -> out.put("deleted_at", at.toString()));
        return out;
    }

    static Map<String, Object> version(TemplateVersion version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", version.ref().key());
        out.put("version", version.ref().version());
        out.put("created_at", version.createdAt().toString());
        out.put("origin", version.origin());
        out.put("notes", version.notes());
        out.put("default_language", version.content().defaultLanguage().value());
        out.put("options", Map.of("inline_css", version.content().options().inlineCss()));
        List<Map<String, Object>> variants = new ArrayList<>();
        for (TemplateVariant variant : version.content().variants()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("language", variant.language().value());
            v.put("subject", variant.subject());
            if (variant.preheader() != null) {
                v.put("preheader", variant.preheader());
            }
            v.put("html", variant.html());
            if (variant.text() != null) {
                v.put("text", variant.text());
            }
            v.put("right_to_left", variant.language().rightToLeft());
            variants.add(v);
        }
        out.put("variants", variants);
        return out;
    }

    static Map<String, Object> rendered(RenderedContent content) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("template", Map.of("key", content.template().key(), "version", content.template().version()));
        out.put("language", content.language().value());
        out.put("language_reason", content.choice().reason().name().toLowerCase(java.util.Locale.ROOT));
        out.put("subject", content.subject());
        if (content.preheader() != null) {
            out.put("preheader", content.preheader());
        }
        out.put("html", content.html());
        out.put("text", content.text());
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> report(ImportReport report) {
        Map<String, Object> out = Json.MAPPER.convertValue(report, Map.class);
        out.put("summary", Map.of("templates_imported", report.imported(), "templates_not_imported", report.notImported(),
                "autoresponders", report.autoresponders().size(), "attention", report.attention().size()));
        return out;
    }
}
