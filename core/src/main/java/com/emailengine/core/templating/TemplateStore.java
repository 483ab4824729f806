package com.emailengine.core.templating;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistent templates of every tenant: a record per template and its immutable versions. Safe for concurrent use
 * from many processes: every write is conditional, so two writers racing for the same version number cannot both
 * win, and a version once written never changes.
 */
public interface TemplateStore {

    Optional<TemplateRecord> record(String tenantId, String key);

    /** The tenant's templates, deleted ones included, by key. */
    List<TemplateRecord> records(String tenantId);

    Optional<TemplateVersion> version(TemplateRef ref);

    /**
     * Writes a new version and moves the record to it: creates the record for version 1, else requires the record's
     * latest version to be {@code version - 1}. False, and nothing changed that anyone can see, when another writer
     * took that version number first.
     *
     * @param name the template's name (kept from creation on later versions)
     */
    boolean append(TemplateVersion version, String name, Instant at);

    /** Marks the template deleted; false when it does not exist. */
    boolean markDeleted(String tenantId, String key, Instant at);
}
