package com.emailengine.core.templating;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Templates shipped as resources (module {@code templates}): {@code templates/<key>/<lang>/subject.vm},
 * {@code body.html.vm} and optionally {@code body.txt.vm}.
 */
public final class ClasspathTemplateLibrary implements TemplateLibrary {

    private final ClassLoader loader;

    public ClasspathTemplateLibrary(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public Optional<TemplateSource> find(String key, Language language) {
        String folder = "templates/" + key + "/" + language.code() + "/";
        String subject = resource(folder + "subject.vm");
        String html = resource(folder + "body.html.vm");
        if (subject == null || html == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateSource(key, language, subject.strip(), html, resource(folder + "body.txt.vm")));
    }

    private String resource(String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template resource " + path, e);
        }
    }
}
