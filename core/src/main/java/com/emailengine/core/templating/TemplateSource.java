package com.emailengine.core.templating;

/**
 * The Velocity source of one language variant of a template. {@code text} may be null: a plain-text
 * part is then derived from the HTML.
 */
public record TemplateSource(String key, Language language, String subject, String html, String text) {
}
