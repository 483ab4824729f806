package com.emailengine.core.templating;

import java.util.Optional;

/**
 * Where template versions are found. Versions are immutable, so callers may cache what they get forever.
 * Implementations are safe for concurrent use.
 */
public interface TemplateLibrary {

    Optional<TemplateVersion> find(TemplateRef ref);
}
