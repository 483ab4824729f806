package com.emailengine.core.templating;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's template as listed: its key and name, the newest version, the languages of that version, and whether it
 * was deleted (deleted templates keep their versions, so campaigns pinned to them still send, but they are no longer
 * listed nor given new versions).
 *
 * @param origin {@code api} or {@code mailwizz-import}
 */
public record TemplateRecord(String tenantId, String key, String name, int latestVersion, List<LanguageTag> languages,
                             String origin, Instant createdAt, Instant updatedAt, Optional<Instant> deletedAt) {

    public TemplateRecord {
        languages = List.copyOf(languages);
    }

    public boolean deleted() {
        return deletedAt.isPresent();
    }
}
