package com.emailengine.core.templating;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates shipped as resources (module {@code templates}), as version {@value TemplateRef#SHIPPED} of every
 * tenant's template of that key: {@code templates/<key>/<lang>/subject.vm}, {@code body.html.vm}, optionally
 * {@code preheader.vm} and {@code body.txt.vm} (derived from the HTML when absent), for each of the nine languages.
 * English is the template's default language. Thread-safe.
 */
public final class ClasspathTemplateLibrary implements TemplateLibrary {

    private static final Instant SHIPPED_AT = Instant.EPOCH;

    private final ClassLoader loader;
    private final Map<String, Optional<TemplateVersion>> loaded = new ConcurrentHashMap<>();

    public ClasspathTemplateLibrary(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public Optional<TemplateVersion> find(TemplateRef ref) {
        if (!ref.isShipped()) {
            return Optional.empty();
        }
        return loaded.computeIfAbsent(ref.key(), this::load)
                .map(v -> new TemplateVersion(ref, v.content(), v.createdAt(), v.origin(), v.notes()));
    }

    private Optional<TemplateVersion> load(String key) {
        List<TemplateVariant> variants = new ArrayList<>();
        for (Language language : Language.values()) {
            String folder = "templates/" + key + "/" + language.code() + "/";
            String subject = resource(folder + "subject.vm");
            String html = resource(folder + "body.html.vm");
            if (subject != null && html != null) {
                variants.add(new TemplateVariant(LanguageTag.of(language), subject.strip(), resource(folder + "preheader.vm"),
                        html, resource(folder + "body.txt.vm")));
            }
        }
        if (variants.isEmpty()) {
            return Optional.empty();
        }
        LanguageTag english = LanguageTag.of(Language.EN);
        LanguageTag fallback = variants.stream().anyMatch(v -> v.language().equals(english)) ? english : variants.getFirst().language();
        return Optional.of(new TemplateVersion(TemplateRef.shipped(key), new TemplateContent(fallback, variants, TemplateOptions.DEFAULT),
                SHIPPED_AT, "shipped", List.of()));
    }

    private String resource(String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template resource " + path, e);
        }
    }
}
