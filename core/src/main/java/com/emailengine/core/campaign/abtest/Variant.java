package com.emailengine.core.campaign.abtest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One arm of an A/B step and its share of the step's contacts, in whole percent.
 *
 * <p>The bounds are those the campaign definition reader applies ({@code campaign.definition}): the domain refuses
 * nothing the reader lets through, and refuses it again for callers that build a split themselves.
 */
public record Variant(String id, int percent) {

    /** 1 to 16 lower-case letters, digits and dashes: short enough for keys, reports and the reason text. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,15}");

    public Variant {
        requireValidId(id, "variant id");
        if (percent < 1 || percent > 99) {
            throw new IllegalArgumentException("variant " + id + " has " + percent
                    + "%: a variant's share is a whole percent from 1 to 99");
        }
    }

    static void requireValidId(String id, String what) {
        Objects.requireNonNull(id, what);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " '" + id
                    + "' is not 1 to 16 lower-case letters, digits and dashes");
        }
    }
}
