package com.emailengine.core.campaign.timing;

import com.emailengine.core.campaign.timing.InferredZone.Basis;
import com.emailengine.core.routing.CountryLanguages;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A contact's time zone when its record does not state one, from the first clue that answers, in this order:
 * <ol>
 * <li>an explicit zone id (one {@link ZoneId#of} refuses is ignored, not an error: sources send anything);</li>
 * <li>the phone number's calling code, the NANP's area codes included ({@link CallingCodes});</li>
 * <li>the country field;</li>
 * <li>the country-code TLD of the email address's domain;</li>
 * <li>the country-code TLD of the site URL's host;</li>
 * <li>the tenant's default zone.</li>
 * </ol>
 * The phone comes before the country field because it is more precise (an area code tells Los Angeles from New
 * York, the country only says US). The address comes before the site because it is the contact's own. A country
 * gives its representative zone ({@link Countries}): the zone most of its people live in. The TLD rule is the
 * routing's ({@link CountryLanguages#countryOfHost}), so a contact's country means one thing in the whole engine:
 * generic TLDs (.com, .org), .eu and ccTLDs sold as generic names (.io, .co, .tv, …) say nothing; .uk is GB.
 * Immutable, thread-safe.
 */
public final class TimeZoneInference {

    private final Countries countries;
    private final CallingCodes callingCodes;

    public TimeZoneInference(Countries countries, CallingCodes callingCodes) {
        this.countries = countries;
        this.callingCodes = callingCodes;
    }

    public static TimeZoneInference shipped() {
        return new TimeZoneInference(Countries.shipped(), CallingCodes.shipped());
    }

    public InferredZone infer(ZoneClues clues, ZoneId tenantDefault) {
        Objects.requireNonNull(tenantDefault, "tenantDefault");
        return explicit(clues.explicitZone())
                .or(() -> phone(clues.phone()))
                .or(() -> country(CountryLanguages.normalizeCountry(clues.country()), Basis.COUNTRY))
                .or(() -> country(CountryLanguages.countryOfHost(addressDomain(clues.email())), Basis.ADDRESS_TLD))
                .or(() -> country(CountryLanguages.countryOfHost(siteHost(clues.siteUrl())), Basis.SITE_TLD))
                .orElseGet(() -> new InferredZone(tenantDefault, Basis.TENANT_DEFAULT));
    }

    private static Optional<InferredZone> explicit(String zone) {
        if (zone == null || zone.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InferredZone(ZoneId.of(zone.strip()), Basis.EXPLICIT));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private Optional<InferredZone> phone(String phone) {
        return InternationalNumber.parse(phone)
                .flatMap(callingCodes::of)
                .flatMap(code -> code.zone().or(() -> countries.zoneOf(code.country())))
                .map(zone -> new InferredZone(zone, Basis.PHONE_PREFIX));
    }

    private Optional<InferredZone> country(Optional<String> country, Basis basis) {
        return country.flatMap(countries::zoneOf).map(zone -> new InferredZone(zone, basis));
    }

    /** The domain of an address (after the last {@code @}), or null. */
    static String addressDomain(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).strip();
    }

    /** The host of a URL written with or without its scheme ({@code https://shop.example.fr/a}, {@code example.de}). */
    static String siteHost(String url) {
        if (url == null) {
            return null;
        }
        String rest = url.strip();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.indexOf(':');
        return port < 0 ? host : host.substring(0, port);
    }
}
