package com.emailengine.core.ingest;

import com.emailengine.core.contact.ContactProfile;
import java.time.Instant;

/**
 * A contact as a source submitted it, after the API accepted and routed it and before the checks that need storage
 * of its own or DNS. This is what travels on the contacts queue (as JSON; fields added later are null in older
 * messages, which the intake accepts).
 *
 * @param tenant         the tenant the contact is routed to
 * @param language       the template language (given, from the country, or the tenant's default)
 * @param source         the source's own label for where it found the contact (e.g. {@code google-maps})
 * @param requestId      the API request that brought it, for tracing
 * @param sourceId       the authenticated source
 * @param campaign       the campaign routing chose
 * @param route          the name of the routing rule that decided
 * @param languageSource {@code given}, {@code country} or {@code tenant-default}
 * @param countrySource  {@code given}, {@code site-tld}, {@code email-tld}, or null without a country
 * @param categorySource {@code given}, {@code keyword}, or {@code none}
 * @param attempt        how many times the intake put it back for an unknown DNS answer
 */
public record ContactSubmission(
        String tenant,
        String email,
        String firstName,
        String language,
        String source,
        Instant receivedAt,
        String requestId,
        String sourceId,
        String campaign,
        String route,
        ContactProfile profile,
        String languageSource,
        String countrySource,
        String categorySource,
        int attempt) {

    /** A submission as the walking skeleton made them: named tenant, its welcome campaign, no profile. */
    public ContactSubmission(String tenant, String email, String firstName, String language, String source,
                             Instant receivedAt, String requestId) {
        this(tenant, email, firstName, language, source, receivedAt, requestId, null, null, null, null, null, null, null, 0);
    }

    public ContactProfile profileOrEmpty() {
        if (profile != null) {
            return profile;
        }
        return firstName == null ? ContactProfile.EMPTY : ContactProfile.EMPTY.overlay(
                new ContactProfile(firstName, null, null, null, null, null, null, null, null, null, null));
    }

    public ContactSubmission nextAttempt() {
        return new ContactSubmission(tenant, email, firstName, language, source, receivedAt, requestId, sourceId, campaign,
                route, profile, languageSource, countrySource, categorySource, attempt + 1);
    }
}
