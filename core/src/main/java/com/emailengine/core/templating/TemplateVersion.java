package com.emailengine.core.templating;

import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a template.
 *
 * @param origin how it came: {@code api}, {@code mailwizz-import} or {@code shipped}
 * @param notes  what needs an operator's attention (e.g. MailWizz tags that became contact fields)
 */
public record TemplateVersion(TemplateRef ref, TemplateContent content, Instant createdAt, String origin, List<String> notes) {

    public TemplateVersion {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
