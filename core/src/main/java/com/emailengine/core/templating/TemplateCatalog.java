package com.emailengine.core.templating;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The template use cases of API v2 and the MailWizz import: create a template, add a version, read, list, delete.
 * Every version is compiled before it is stored, so a template with a syntax error (reported with line and column)
 * or a refused construct never reaches a campaign. Thread-safe; concurrent writers are settled by the store's
 * conditional writes.
 */
public final class TemplateCatalog {

    /** A stored version and the record it now heads. */
    public record Saved(TemplateRecord record, TemplateVersion version, boolean unchanged) {
    }

    /** The template does not exist (or was deleted, for changes). */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request conflicts with what exists: a key already taken, a version taken by a concurrent writer. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    private static final int ATTEMPTS = 3;

    private final TemplateStore store;
    private final TemplateCompiler compiler;
    private final Clock clock;

    public TemplateCatalog(TemplateStore store, TemplateCompiler compiler, Clock clock) {
        this.store = store;
        this.compiler = compiler;
        this.clock = clock;
    }

    public Saved create(String tenantId, String key, TemplateDraft draft) {
        TemplateRef.checkKey(key);
        Optional<TemplateRecord> existing = store.record(tenantId, key);
        if (existing.isPresent()) {
            throw new Conflict("template '" + key + "' already exists" + (existing.get().deleted() ? " (deleted)" : "")
                    + "; add a version to it instead");
        }
        TemplateVersion version = compile(new TemplateRef(tenantId, key, 1), draft);
        Instant now = clock.instant();
        if (!store.append(version, nameOf(draft, key), now)) {
            throw new Conflict("template '" + key + "' was created by another request at the same time");
        }
        return new Saved(store.record(tenantId, key).orElseThrow(), version, false);
    }

    public Saved addVersion(String tenantId, String key, TemplateDraft draft) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            TemplateRecord record = store.record(tenantId, key)
                    .filter(r -> !r.deleted())
                    .orElseThrow(() -> new NotFound("no template '" + key + "'"));
            TemplateVersion version = compile(new TemplateRef(tenantId, key, record.latestVersion() + 1), draft);
            if (store.append(version, record.name(), clock.instant())) {
                return new Saved(store.record(tenantId, key).orElseThrow(), version, false);
            }
        }
        throw new Conflict("template '" + key + "' is being changed by other requests; try again");
    }

    /**
     * Creates the template or adds a version to it; adds nothing when the newest version already has this content
     * (importing the same export twice is harmless).
     */
    public Saved createOrUpdate(String tenantId, String key, TemplateDraft draft) {
        Optional<TemplateRecord> record = store.record(tenantId, key).filter(r -> !r.deleted());
        if (record.isEmpty()) {
            return create(tenantId, key, draft);
        }
        TemplateVersion latest = store.version(new TemplateRef(tenantId, key, record.get().latestVersion())).orElse(null);
        if (latest != null && latest.content().equals(draft.content())) {
            return new Saved(record.get(), latest, true);
        }
        return addVersion(tenantId, key, draft);
    }

    /** Compiles without storing: what a save would say, for previews of drafts and dry runs. */
    public TemplateVersion compile(TemplateRef ref, TemplateDraft draft) {
        TemplateVersion version = new TemplateVersion(ref, draft.content(), clock.instant(), draft.origin(), draft.notes());
        compiler.compile(version);
        return version;
    }

    public Optional<TemplateRecord> record(String tenantId, String key) {
        return store.record(tenantId, key);
    }

    public List<TemplateRecord> list(String tenantId, boolean includeDeleted) {
        return store.records(tenantId).stream().filter(r -> includeDeleted || !r.deleted()).toList();
    }

    /** The given version, or the latest when none is given; deleted templates' versions stay readable. */
    public Optional<TemplateVersion> version(String tenantId, String key, OptionalInt version) {
        if (version.isPresent()) {
            return version.getAsInt() < 1 ? Optional.empty() : store.version(new TemplateRef(tenantId, key, version.getAsInt()));
        }
        return store.record(tenantId, key).flatMap(r -> store.version(new TemplateRef(tenantId, key, r.latestVersion())));
    }

    public void delete(String tenantId, String key) {
        if (store.record(tenantId, key).filter(r -> !r.deleted()).isEmpty() || !store.markDeleted(tenantId, key, clock.instant())) {
            throw new NotFound("no template '" + key + "'");
        }
    }

    private static String nameOf(TemplateDraft draft, String key) {
        return draft.name() == null || draft.name().isBlank() ? key : draft.name().strip();
    }
}
