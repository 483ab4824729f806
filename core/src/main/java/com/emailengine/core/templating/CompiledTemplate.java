package com.emailengine.core.templating;

import java.util.Map;
import java.util.Optional;
import org.apache.velocity.Template;

/**
 * A template version ready to render: every variant's parts parsed once, CSS inlined and the text part derived
 * where the version asks. Immutable and shared by concurrent renders.
 */
public final class CompiledTemplate {

    /**
     * One language.
     *
     * @param text null when the text part is converted from each rendered HTML part (see {@link HtmlToText})
     */
    record Variant(LanguageTag language, Template subject, Template preheader, Template html, Template text,
                   boolean textDerived, int expectedHtmlChars) {
    }

    private final TemplateVersion version;
    private final Map<LanguageTag, Variant> variants;

    CompiledTemplate(TemplateVersion version, Map<LanguageTag, Variant> variants) {
        this.version = version;
        this.variants = Map.copyOf(variants);
    }

    public TemplateVersion version() {
        return version;
    }

    public TemplateRef ref() {
        return version.ref();
    }

    Optional<Variant> variant(LanguageTag language) {
        return Optional.ofNullable(variants.get(language));
    }

    LanguageTag defaultLanguage() {
        return version.content().defaultLanguage();
    }
}
