package com.emailengine.core.templating;

import java.util.List;

/**
 * A template as it is about to become a version: Velocity sources (MailWizz templates are converted before, see
 * {@code core.mailwizz}).
 *
 * @param origin {@code api} or {@code mailwizz-import}
 * @param notes  what needs an operator's attention, kept with the version
 */
public record TemplateDraft(String name, TemplateContent content, String origin, List<String> notes) {

    public TemplateDraft {
        notes = notes == null ? List.of() : List.copyOf(notes);
        origin = origin == null ? "api" : origin;
    }
}
