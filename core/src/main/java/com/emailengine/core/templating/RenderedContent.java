package com.emailengine.core.templating;

/**
 * A template rendered for one recipient.
 *
 * @param template  the version that was rendered
 * @param choice    the language variant used, and why
 * @param preheader the rendered preheader, or null (it is also inside the HTML, hidden)
 * @param text      the plain-text part, written or derived from the HTML
 */
public record RenderedContent(TemplateRef template, LanguageChoice choice, String subject, String preheader, String html,
                              String text) {

    public String templateKey() {
        return template.key();
    }

    public LanguageTag language() {
        return choice.language();
    }
}
