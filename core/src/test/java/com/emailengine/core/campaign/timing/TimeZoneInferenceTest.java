package com.emailengine.core.campaign.timing;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.campaign.timing.InferredZone.Basis;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeZoneInferenceTest {

    private static final ZoneId TENANT = ZoneId.of("Europe/Lisbon");
    private static final TimeZoneInference INFERENCE = TimeZoneInference.shipped();

    private static InferredZone infer(String explicitZone, String phone, String country, String email, String site) {
        return INFERENCE.infer(new ZoneClues(explicitZone, phone, country, email, site), TENANT);
    }

    private static InferredZone zone(String zone, Basis basis) {
        return new InferredZone(ZoneId.of(zone), basis);
    }

    @Test
    void anExplicitZoneWinsOverEveryOtherClue() {
        assertThat(infer("Asia/Tokyo", "+33 1 23 45 67 89", "DE", "a@b.it", "https://c.es"))
                .isEqualTo(zone("Asia/Tokyo", Basis.EXPLICIT));
    }

    @Test
    void anInvalidExplicitZoneIsIgnoredAndTheNextClueDecides() {
        assertThat(infer("Mars/Olympus_Mons", "+33 1 23 45 67 89", null, null, null))
                .isEqualTo(zone("Europe/Paris", Basis.PHONE_PREFIX));
        assertThat(infer("   ", null, "DE", null, null)).isEqualTo(zone("Europe/Berlin", Basis.COUNTRY));
    }

    @Test
    void thePhoneComesBeforeTheCountry() {
        assertThat(infer(null, "+1 415 555 0100", "US", "a@b.de", null))
                .isEqualTo(zone("America/Los_Angeles", Basis.PHONE_PREFIX));
    }

    @Test
    void theCountryComesBeforeTheAddressAndIsReadInAnyCase() {
        assertThat(infer(null, null, "fr", "a@b.de", "https://c.it")).isEqualTo(zone("Europe/Paris", Basis.COUNTRY));
    }

    @Test
    void theAddressComesBeforeTheSite() {
        assertThat(infer(null, null, null, "anna@praxis.de", "https://studio.it"))
                .isEqualTo(zone("Europe/Berlin", Basis.ADDRESS_TLD));
    }

    @Test
    void theSiteDecidesWhenTheAddressIsGeneric() {
        assertThat(infer(null, null, null, "anna@gmail.com", "https://www.studio.it/contatti?x=1"))
                .isEqualTo(zone("Europe/Rome", Basis.SITE_TLD));
        assertThat(infer(null, null, null, null, "boutique.fr")).isEqualTo(zone("Europe/Paris", Basis.SITE_TLD));
        assertThat(infer(null, null, null, null, "http://user@shop.es:8080/")).isEqualTo(zone("Europe/Madrid", Basis.SITE_TLD));
    }

    @Test
    void theTenantDefaultIsTakenWhenNothingTells() {
        assertThat(INFERENCE.infer(ZoneClues.NONE, TENANT)).isEqualTo(new InferredZone(TENANT, Basis.TENANT_DEFAULT));
        assertThat(infer("", "01 23 45 67 89", "Atlantis", "not an address", "")).isEqualTo(new InferredZone(TENANT, Basis.TENANT_DEFAULT));
    }

    @Test
    void coUkIsGreatBritain() {
        assertThat(infer(null, null, null, "tom@shop.co.uk", null)).isEqualTo(zone("Europe/London", Basis.ADDRESS_TLD));
    }

    @Test
    void genericTopLevelDomainsAndEuTellNothing() {
        for (String email : new String[] {"a@shop.com", "a@shop.org", "a@shop.net", "a@shop.eu", "a@shop.io", "a@shop.co"}) {
            assertThat(infer(null, null, null, email, null).basis()).as(email).isEqualTo(Basis.TENANT_DEFAULT);
        }
    }

    @Test
    void nanpAreaCodesGiveTheirZone() {
        assertThat(infer(null, "+1 (212) 555-0100", null, null, null).zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(infer(null, "+1 312 555 0100", null, null, null).zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(infer(null, "+1 303 555 0100", null, null, null).zone()).isEqualTo(ZoneId.of("America/Denver"));
        assertThat(infer(null, "+1 416 555 0100", null, null, null).zone()).isEqualTo(ZoneId.of("America/Toronto"));
        assertThat(infer(null, "+1 604 555 0100", null, null, null).zone()).isEqualTo(ZoneId.of("America/Vancouver"));
        assertThat(infer(null, "+1 808 555 0100", null, null, null).zone()).isEqualTo(ZoneId.of("Pacific/Honolulu"));
    }

    @Test
    void aTollFreeNanpNumberTellsNothingSoTheCountryDecides() {
        assertThat(infer(null, "+1 800 555 0100", "CA", null, null)).isEqualTo(zone("America/Toronto", Basis.COUNTRY));
    }

    @Test
    void aMultiZoneCountryGivesTheZoneOfMostOfItsPeople() {
        assertThat(infer(null, null, "US", null, null).zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(infer(null, null, "RU", null, null).zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(infer(null, null, "BR", null, null).zone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
        assertThat(infer(null, null, "AU", null, null).zone()).isEqualTo(ZoneId.of("Australia/Sydney"));
        assertThat(infer(null, "+7 495 123 45 67", null, null, null).zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
    }

    @Test
    void anAlpha3CountryIsUnderstoodAsTheRoutingDoes() {
        assertThat(infer(null, null, "DEU", null, null)).isEqualTo(zone("Europe/Berlin", Basis.COUNTRY));
    }
}
