package com.emailengine.core.templating;

/** A template rendered for one recipient, in the language that was actually used. */
public record RenderedContent(String templateKey, Language language, String subject, String html, String text) {
}
