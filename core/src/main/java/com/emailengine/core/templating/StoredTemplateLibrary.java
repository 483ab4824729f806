package com.emailengine.core.templating;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The library campaigns render from: shipped templates for version {@value TemplateRef#SHIPPED}, the tenant's stored
 * versions for the others. Thread-safe when its parts are.
 */
public final class StoredTemplateLibrary implements TemplateLibrary {

    private final TemplateLibrary shipped;
    private final Supplier<TemplateStore> store;

    /** @param store built on first use: a process that only sends shipped templates never connects to the store */
    public StoredTemplateLibrary(TemplateLibrary shipped, Supplier<TemplateStore> store) {
        this.shipped = shipped;
        this.store = store;
    }

    @Override
    public Optional<TemplateVersion> find(TemplateRef ref) {
        return ref.isShipped() ? shipped.find(ref) : store.get().version(ref);
    }
}
