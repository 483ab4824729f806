package com.emailengine.core.campaign.timing;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A contact's time zone and the rule that gave it, so that a report (or a support engineer) can tell a zone the
 * contact stated from one guessed from a top-level domain.
 */
public record InferredZone(ZoneId zone, Basis basis) {

    /** The rules of {@link TimeZoneInference}, in the order they are tried. */
    public enum Basis {
        /** The contact's record names its zone. */
        EXPLICIT,
        /** The phone number's calling code (and, in the NANP, its area code). */
        PHONE_PREFIX,
        /** The contact's country field. */
        COUNTRY,
        /** The country-code top-level domain of the email address. */
        ADDRESS_TLD,
        /** The country-code top-level domain of the contact's web site. */
        SITE_TLD,
        /** Nothing told: the tenant's default zone. */
        TENANT_DEFAULT
    }

    public InferredZone {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(basis, "basis");
    }
}
