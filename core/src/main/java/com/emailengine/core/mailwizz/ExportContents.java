package com.emailengine.core.mailwizz;

import java.util.ArrayList;
import java.util.List;

/** Everything read from one or more MailWizz export files, and what could not be read. */
public record ExportContents(List<MailWizzTemplate> templates, List<MailWizzAutoresponder> autoresponders, List<String> problems) {

    public ExportContents {
        templates = List.copyOf(templates);
        autoresponders = List.copyOf(autoresponders);
        problems = List.copyOf(problems);
    }

    public static ExportContents empty() {
        return new ExportContents(List.of(), List.of(), List.of());
    }

    public ExportContents plus(ExportContents other) {
        List<MailWizzTemplate> t = new ArrayList<>(templates);
        t.addAll(other.templates);
        List<MailWizzAutoresponder> a = new ArrayList<>(autoresponders);
        a.addAll(other.autoresponders);
        List<String> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        return new ExportContents(t, a, p);
    }
}
