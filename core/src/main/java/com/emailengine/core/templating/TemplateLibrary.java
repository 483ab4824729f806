package com.emailengine.core.templating;

import java.util.Optional;

/** Where template sources are kept. Implementations are safe for concurrent reads. */
public interface TemplateLibrary {

    Optional<TemplateSource> find(String key, Language language);
}
