package com.emailengine.core.templating;

import com.emailengine.core.delivery.HeaderValues;
import java.util.Optional;

/**
 * The template text of a subject or preheader must be one line without control characters ({@link HeaderValues}),
 * checked when a version is saved so that the refusal names the variant, the part and the column. The subject becomes
 * a header; the preheader is the line inbox lists show beside it, and is held to the same rule. What references
 * insert at render time is cleaned by {@link HeaderSafeWriter}.
 */
final class HeaderText {

    private HeaderText() {
    }

    static Optional<TemplateProblem> check(String part, String source) {
        int at = HeaderValues.firstForbidden(source);
        if (at < 0) {
            return Optional.empty();
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String what = part.endsWith("/preheader") ? "a preheader" : "a subject";
        return Optional.of(new TemplateProblem(part, line, at - lineStart + 1, what + " cannot contain "
                + HeaderValues.describe(source.charAt(at)) + ": it is one line of a message header; write it on one line"));
    }
}
