package com.emailengine.core.mailwizz;

/**
 * One MailWizz tag found in a template, and what became of it.
 *
 * @param tag     as written, e.g. {@code [FNAME]}
 * @param outcome CONVERTED (to {@code becomes}), CONTACT_FIELD (an unknown tag, taken for a custom list field; a
 *                contact without that field fails the render), or UNSUPPORTED (the template is not imported)
 * @param note    what an operator should know, or null
 */
public record TagUse(String tag, Outcome outcome, String becomes, String note) {

    public enum Outcome { CONVERTED, CONTACT_FIELD, UNSUPPORTED }

    public boolean needsAttention() {
        return outcome != Outcome.CONVERTED || note != null;
    }
}
