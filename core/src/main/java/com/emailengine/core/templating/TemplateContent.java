package com.emailengine.core.templating;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one version of a template holds: its variants (one per language), the language it was written in (the last
 * fallback when neither the contact's language nor the tenant's default has a variant) and its options.
 */
public record TemplateContent(LanguageTag defaultLanguage, List<TemplateVariant> variants, TemplateOptions options) {

    /** Larger parts are refused: Gmail clips messages above about 102 KB, and a megabyte is surely a mistake. */
    public static final int MAX_PART_CHARS = 512 * 1024;
    public static final int MAX_SUBJECT_CHARS = 500;

    public TemplateContent {
        variants = List.copyOf(variants);
        options = options == null ? TemplateOptions.DEFAULT : options;
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a template needs at least one language variant");
        }
        Set<LanguageTag> seen = new HashSet<>();
        for (TemplateVariant variant : variants) {
            if (!seen.add(variant.language())) {
                throw new IllegalArgumentException("language " + variant.language() + " appears twice");
            }
            if (variant.subject().length() > MAX_SUBJECT_CHARS) {
                throw new IllegalArgumentException("the " + variant.language() + " subject is longer than " + MAX_SUBJECT_CHARS + " characters");
            }
            if (variant.html().length() > MAX_PART_CHARS || (variant.text() != null && variant.text().length() > MAX_PART_CHARS)) {
                throw new IllegalArgumentException("a " + variant.language() + " part is larger than " + MAX_PART_CHARS + " characters");
            }
        }
        if (defaultLanguage == null) {
            defaultLanguage = variants.getFirst().language();
        }
        if (!seen.contains(defaultLanguage)) {
            throw new IllegalArgumentException("the default language " + defaultLanguage + " has no variant (variants: " + seen + ")");
        }
    }

    public Optional<TemplateVariant> variant(LanguageTag language) {
        return variants.stream().filter(v -> v.language().equals(language)).findFirst();
    }

    public List<LanguageTag> languages() {
        List<LanguageTag> languages = new ArrayList<>();
        variants.forEach(v -> languages.add(v.language()));
        return languages;
    }
}
