package com.emailengine.core.templating;

/**
 * One language of a template: Velocity sources of the subject, the optional preheader (the line inbox lists show
 * after the subject), the HTML part and the optional plain-text part (derived from the HTML when absent).
 */
public record TemplateVariant(LanguageTag language, String subject, String preheader, String html, String text) {

    public TemplateVariant {
        if (language == null) {
            throw new IllegalArgumentException("a variant needs a language");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("variant " + language + " needs a subject");
        }
        if (html == null || html.isBlank()) {
            throw new IllegalArgumentException("variant " + language + " needs an HTML part");
        }
        subject = subject.strip();
        preheader = preheader == null || preheader.isBlank() ? null : preheader.strip();
        text = text == null || text.isBlank() ? null : text;
    }
}
