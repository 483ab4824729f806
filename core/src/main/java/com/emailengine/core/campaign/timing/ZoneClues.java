package com.emailengine.core.campaign.timing;

/**
 * What a contact's record says that may tell its time zone. Every field may be null or blank.
 *
 * @param explicitZone an IANA zone id a source gave ({@code Europe/Paris})
 * @param phone        a phone number in any common notation
 * @param country      an ISO 3166-1 code, alpha-2 (or alpha-3), any case
 * @param email        the contact's address
 * @param siteUrl      the contact's web site, with or without a scheme
 */
public record ZoneClues(String explicitZone, String phone, String country, String email, String siteUrl) {

    public static final ZoneClues NONE = new ZoneClues(null, null, null, null, null);
}
