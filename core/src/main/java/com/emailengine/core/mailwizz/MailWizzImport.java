package com.emailengine.core.mailwizz;

import com.emailengine.core.templating.InvalidTemplateException;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.TemplateCatalog;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateDraft;
import com.emailengine.core.templating.TemplateOptions;
import com.emailengine.core.templating.TemplateProblem;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateVariant;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports a MailWizz export for one tenant: each template becomes a template of the tenant (key from its name; a
 * second import of changed content adds a version, of the same content adds nothing), its tags converted once; each
 * autoresponder becomes an imported definition plus a template {@code ar-<name>} holding its content and subject.
 * Nothing is dropped silently: every template not imported, every tag that became a contact field or was refused,
 * every image the engine does not host is in the {@link ImportReport}. A dry run converts and checks everything and
 * stores nothing. Thread-safe.
 */
public final class MailWizzImport {

    private final TemplateCatalog catalog;
    private final AutoresponderStore autoresponders;
    private final Clock clock;

    public MailWizzImport(TemplateCatalog catalog, AutoresponderStore autoresponders, Clock clock) {
        this.catalog = catalog;
        this.autoresponders = autoresponders;
        this.clock = clock;
    }

    /** @param language the language the exported templates are written in */
    public ImportReport run(String tenantId, ExportContents export, LanguageTag language, boolean inlineCss, boolean dryRun) {
        List<ImportReport.TemplateResult> templates = new ArrayList<>();
        Map<String, ImportReport.TemplateResult> byName = new HashMap<>();
        Map<String, MailWizzTemplate> sourceByName = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (MailWizzTemplate template : export.templates()) {
            String key = uniqueKey(slug(template.name()), keys);
            List<String> attention = new ArrayList<>();
            String subject = template.subject();
            if (subject == null) {
                subject = template.name();
                attention.add("no <title> to take a subject from: the subject is the template's name; set the real one in a new version");
            } else {
                attention.add("subject taken from the HTML <title> (MailWizz keeps subjects on campaigns): check it");
            }
            template.localAssets().forEach(asset -> attention.add("refers to " + asset
                    + "; the engine does not host images: upload it and use an absolute https:// address"));
            ImportReport.TemplateResult result = importTemplate(tenantId, key, template.name(), template.source(),
                    new TemplateVariant(language, subject, null, template.html(), template.text()), language, inlineCss,
                    attention, dryRun);
            templates.add(result);
            byName.put(template.name().toLowerCase(Locale.ROOT), result);
            sourceByName.put(template.name().toLowerCase(Locale.ROOT), template);
        }
        List<ImportReport.AutoresponderResult> ars = new ArrayList<>();
        for (MailWizzAutoresponder ar : export.autoresponders()) {
            ars.add(importAutoresponder(tenantId, ar, language, inlineCss, keys, byName, sourceByName, templates, dryRun));
        }
        return new ImportReport(dryRun, templates, ars, export.problems());
    }

    private ImportReport.TemplateResult importTemplate(String tenantId, String key, String name, String source,
                                                       TemplateVariant variant, LanguageTag language, boolean inlineCss,
                                                       List<String> attention, boolean dryRun) {
        TemplateContent content = new TemplateContent(language, List.of(variant), new TemplateOptions(inlineCss));
        MailWizzDrafts.Converted converted;
        try {
            converted = MailWizzDrafts.convert(name, content, "mailwizz-import");
        } catch (InvalidTemplateException e) {
            e.problems().forEach(p -> attention.add(p.message()));
            return new ImportReport.TemplateResult(source, name, key, null, "not-imported", List.of(), attention);
        }
        List<String> convertedTags = converted.tags().stream()
                .filter(t -> t.outcome() == TagUse.Outcome.CONVERTED).map(TagUse::tag).distinct().toList();
        List<String> notes = new ArrayList<>(converted.draft().notes());
        attention.addAll(0, notes);
        TemplateDraft draft = new TemplateDraft(name, converted.draft().content(), "mailwizz-import", attention);
        try {
            if (dryRun) {
                catalog.compile(new TemplateRef(tenantId, key, 1), draft);
                return new ImportReport.TemplateResult(source, name, key, null, "would-import", convertedTags, attention);
            }
            TemplateCatalog.Saved saved = catalog.createOrUpdate(tenantId, key, draft);
            return new ImportReport.TemplateResult(source, name, key, saved.version().ref().version(),
                    saved.unchanged() ? "unchanged" : "imported", convertedTags, attention);
        } catch (InvalidTemplateException e) {
            e.problems().stream().map(TemplateProblem::toString).forEach(p -> attention.add("does not compile after conversion: " + p));
            return new ImportReport.TemplateResult(source, name, key, null, "not-imported", convertedTags, attention);
        } catch (TemplateCatalog.Conflict e) {
            attention.add(e.getMessage());
            return new ImportReport.TemplateResult(source, name, key, null, "not-imported", convertedTags, attention);
        }
    }

    private ImportReport.AutoresponderResult importAutoresponder(String tenantId, MailWizzAutoresponder ar, LanguageTag language,
                                                                 boolean inlineCss, Set<String> keys,
                                                                 Map<String, ImportReport.TemplateResult> byName,
                                                                 Map<String, MailWizzTemplate> sourceByName,
                                                                 List<ImportReport.TemplateResult> templates, boolean dryRun) {
        String name = ar.name() == null ? (ar.uid() == null ? "autoresponder" : ar.uid()) : ar.name();
        String id = ar.uid() == null ? slug(name) : ar.uid();
        List<String> attention = new ArrayList<>();
        String html = ar.html();
        String text = null;
        if (html == null && ar.templateRef() != null) {
            MailWizzTemplate linked = sourceByName.get(ar.templateRef().toLowerCase(Locale.ROOT));
            if (linked != null) {
                html = linked.html();
                text = linked.text();
            }
        }
        String templateKey = null;
        Integer templateVersion = null;
        if (html == null) {
            attention.add("no content in the export" + (ar.templateRef() == null ? "" : " and no template named '" + ar.templateRef()
                    + "' in this import") + ": import its template and add it to the campaign by hand");
        } else if (ar.subject() == null || ar.subject().isBlank()) {
            attention.add("no subject in the export: its template was not imported");
        } else {
            String key = uniqueKey("ar-" + slug(name), keys);
            ImportReport.TemplateResult result = importTemplate(tenantId, key, name + " (autoresponder)", "autoresponder " + id,
                    new TemplateVariant(language, ar.subject(), ar.preheader(), html, text), language, inlineCss,
                    new ArrayList<>(), dryRun);
            templates.add(result);
            if (result.status().equals("not-imported")) {
                attention.add("its template " + key + " was not imported (see the template's entry)");
            } else {
                templateKey = key;
                templateVersion = result.version();
            }
        }
        Duration delay = delay(ar.delayValue(), ar.delayUnit(), attention);
        String written = ar.delayValue() + " " + (ar.delayUnit() == null ? "day" : ar.delayUnit()) + (ar.delayValue() == 1 ? "" : "s");
        String event = ar.event() == null ? "AFTER-SUBSCRIBE" : ar.event().toUpperCase(Locale.ROOT);
        switch (event) {
            case "AFTER-SUBSCRIBE" -> { }
            case "AFTER-CAMPAIGN-OPEN" -> attention.add("fires when campaign " + ar.triggerCampaign()
                    + " is opened: open tracking is not part of the engine yet");
            case "AFTER-CAMPAIGN-SENT" -> attention.add("fires after campaign " + ar.triggerCampaign()
                    + " is sent: make it a later step of that campaign");
            default -> attention.add("unknown event " + ar.event());
        }
        if (ar.sendNotBefore() != null) {
            attention.add("MailWizz sent it no earlier than " + ar.sendNotBefore() + " UTC; campaign steps have no time-of-day rule yet");
        }
        if (ar.status() != null && !ar.status().equalsIgnoreCase("sending") && !ar.status().equalsIgnoreCase("active")) {
            attention.add("its MailWizz status was '" + ar.status() + "'");
        }
        String step = templateKey == null ? null
                : "- template: " + templateKey + (templateVersion == null ? "" : "\n  version: " + templateVersion)
                + "\n  delay: " + shortDuration(delay);
        if (!dryRun) {
            autoresponders.put(new ImportedAutoresponder(tenantId, id, name, ar.status(), event, delay, written,
                    ar.triggerCampaign(), ar.sendNotBefore(), ar.includeImported(), ar.includeCurrent(), ar.fromName(),
                    ar.fromEmail(), ar.replyTo(), ar.listName(), templateKey, templateVersion, attention, clock.instant(),
                    ar.original()));
        }
        return new ImportReport.AutoresponderResult(id, name, dryRun ? "would-import" : "imported", templateKey,
                templateVersion, event, written, step, attention);
    }

    private static Duration delay(int value, String unit, List<String> attention) {
        String u = unit == null ? "day" : unit.toLowerCase(Locale.ROOT);
        return switch (u) {
            case "minute" -> Duration.ofMinutes(value);
            case "hour" -> Duration.ofHours(value);
            case "day" -> Duration.ofDays(value);
            case "week" -> Duration.ofDays(7L * value);
            case "month" -> {
                attention.add(value + " month(s) taken as " + 30 * value + " days");
                yield Duration.ofDays(30L * value);
            }
            case "year" -> {
                attention.add(value + " year(s) taken as " + 365 * value + " days");
                yield Duration.ofDays(365L * value);
            }
            default -> {
                attention.add("unknown time unit '" + unit + "': taken as days");
                yield Duration.ofDays(value);
            }
        };
    }

    private static String shortDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMinutes() * 60 == d.toSeconds()) {
            if (d.toDays() * 24 * 60 == d.toMinutes()) {
                return d.toDays() + "d";
            }
            if (d.toHours() * 60 == d.toMinutes()) {
                return d.toHours() + "h";
            }
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }

    /** A template key from a name: lower-case ASCII letters and digits, dashes between words. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 56) {
            slug = slug.substring(0, 56).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "template" : slug;
    }

    private static String uniqueKey(String base, Set<String> taken) {
        String key = base;
        for (int i = 2; !taken.add(key); i++) {
            key = base + "-" + i;
        }
        return key;
    }
}
