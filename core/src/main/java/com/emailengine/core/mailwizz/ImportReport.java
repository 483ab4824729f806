package com.emailengine.core.mailwizz;

import java.util.List;

/**
 * What an import did, for the operator: per template, whether it was imported (and as which key and version), found
 * unchanged, or not imported and why; the tags converted and those needing attention; per autoresponder, the
 * definition stored and what to decide; and files that could not be read.
 */
public record ImportReport(boolean dryRun, List<TemplateResult> templates, List<AutoresponderResult> autoresponders,
                           List<String> problems) {

    /**
     * @param status    {@code imported}, {@code unchanged}, {@code would-import} (dry run) or {@code not-imported}
     * @param attention unknown tags, refused tags, relative images, a subject taken from the title, ...
     */
    public record TemplateResult(String source, String name, String key, Integer version, String status,
                                 List<String> convertedTags, List<String> attention) {
    }

    public record AutoresponderResult(String id, String name, String status, String templateKey, Integer templateVersion,
                                      String event, String delay, String campaignStep, List<String> attention) {
    }

    public ImportReport {
        templates = List.copyOf(templates);
        autoresponders = List.copyOf(autoresponders);
        problems = List.copyOf(problems);
    }

    public long imported() {
        return templates.stream().filter(t -> t.status().equals("imported") || t.status().equals("would-import")).count();
    }

    public long notImported() {
        return templates.stream().filter(t -> t.status().equals("not-imported")).count();
    }

    /** Every attention item, each prefixed with its template or autoresponder. */
    public List<String> attention() {
        List<String> all = new java.util.ArrayList<>();
        templates.forEach(t -> t.attention().forEach(a -> all.add(t.name() + ": " + a)));
        autoresponders.forEach(a -> a.attention().forEach(x -> all.add("autoresponder " + a.name() + ": " + x)));
        return all;
    }
}
