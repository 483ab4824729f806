package com.emailengine.core.campaign.timing;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.campaign.timing.CallingCodes.CallingCode;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallingCodesTest {

    private static final CallingCodes CODES = CallingCodes.shipped();

    private static Optional<CallingCode> of(String phone) {
        return InternationalNumber.parse(phone).flatMap(CODES::of);
    }

    private static Optional<String> country(String phone) {
        return of(phone).map(CallingCode::country);
    }

    @Test
    void findsTheCountryOfACallingCode() {
        assertThat(country("+33 1 23 45 67 89")).contains("FR");
        assertThat(country("+49 30 1234567")).contains("DE");
        assertThat(country("+971 4 123 4567")).contains("AE");
        assertThat(country("+972 3 123 4567")).contains("IL");
        assertThat(country("+81 3 1234 5678")).contains("JP");
    }

    @Test
    void theLongestPrefixWinsInASharedCode() {
        assertThat(country("+7 495 123 45 67")).contains("RU");
        assertThat(country("+7 727 123 45 67")).contains("KZ");
        assertThat(country("+262 262 12 34 56")).contains("RE");
        assertThat(country("+262 269 12 34 56")).contains("YT");
        assertThat(country("+44 20 7946 0000")).contains("GB");
        assertThat(country("+44 1624 612345")).contains("IM");
    }

    @Test
    void aNanpAreaCodeGivesItsCountryAndZone() {
        assertThat(of("+1 416 555 0100")).hasValueSatisfying(code -> {
            assertThat(code.country()).isEqualTo("CA");
            assertThat(code.zone()).contains(ZoneId.of("America/Toronto"));
        });
        assertThat(country("+1 876 555 0100")).contains("JM");
        assertThat(country("+1 787 555 0100")).contains("PR");
    }

    @Test
    void aCodeOutsideAnyCountryMatchesNothing() {
        assertThat(country("+1 800 555 0100")).isEmpty();
        assertThat(country("+800 1234 5678")).isEmpty();
        assertThat(country("+999 1234 5678")).isEmpty();
    }
}
