package com.emailengine.core.contact;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What sources tell about a contact besides its address: the scraper's fields (company, city, country, phone, source
 * URL) and the backlink tool's (site URL, domain authority, PageRank, category), plus names. Every field may be null.
 *
 * @param domainAuthority 0-100, as backlink tools report it
 * @param pageRank        0-10
 */
public record ContactProfile(String firstName, String lastName, String company, String city, String country,
                             String phone, String sourceUrl, String siteUrl, Integer domainAuthority, Double pageRank,
                             String category) {

    public static final ContactProfile EMPTY = new ContactProfile(null, null, null, null, null, null, null, null, null, null, null);

    /** The fields that are set, by their stored (and wire) names. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "first_name", firstName);
        put(fields, "last_name", lastName);
        put(fields, "company", company);
        put(fields, "city", city);
        put(fields, "country", country);
        put(fields, "phone", phone);
        put(fields, "source_url", sourceUrl);
        put(fields, "site_url", siteUrl);
        put(fields, "domain_authority", domainAuthority);
        put(fields, "page_rank", pageRank);
        put(fields, "category", category);
        return fields;
    }

    public ContactProfile withCountry(String newCountry) {
        return new ContactProfile(firstName, lastName, company, city, newCountry, phone, sourceUrl, siteUrl, domainAuthority,
                pageRank, category);
    }

    public ContactProfile withCategory(String newCategory) {
        return new ContactProfile(firstName, lastName, company, city, country, phone, sourceUrl, siteUrl, domainAuthority,
                pageRank, newCategory);
    }

    /** This profile with every field {@code later} sets taken from it (the merge rule inside one request). */
    public ContactProfile overlay(ContactProfile later) {
        return new ContactProfile(pick(later.firstName, firstName), pick(later.lastName, lastName), pick(later.company, company),
                pick(later.city, city), pick(later.country, country), pick(later.phone, phone),
                pick(later.sourceUrl, sourceUrl), pick(later.siteUrl, siteUrl), pick(later.domainAuthority, domainAuthority),
                pick(later.pageRank, pageRank), pick(later.category, category));
    }

    private static <T> T pick(T later, T earlier) {
        return later != null ? later : earlier;
    }

    private static void put(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
