package com.emailengine.core.campaign.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InternationalNumberTest {

    private static Optional<String> digits(String phone) {
        return InternationalNumber.parse(phone).map(InternationalNumber::digits);
    }

    @Test
    void readsThePlusForm() {
        assertThat(digits("+33123456789")).contains("33123456789");
        assertThat(digits("+33 1 23 45 67 89")).contains("33123456789");
    }

    @Test
    void readsTheDoubleZeroForm() {
        assertThat(digits("0033 1 23 45 67 89")).contains("33123456789");
        assertThat(digits("00 49 30 1234567")).contains("49301234567");
    }

    @Test
    void ignoresSpacesDashesDotsSlashesAndParentheses() {
        assertThat(digits("+1 (212) 555-0100")).contains("12125550100");
        assertThat(digits("(+49) 30/123.45-67")).contains("49301234567");
        assertThat(digits("+33\u00a01\u00a023\u00a045\u00a067\u00a089")).contains("33123456789");
    }

    @Test
    void dropsTheBracketedTrunkZero() {
        assertThat(digits("+44 (0)20 7946 0000")).contains("442079460000");
        assertThat(digits("+44 (0) 1624 612345")).contains("441624612345");
    }

    @Test
    void readsATelUri() {
        assertThat(digits("tel:+1-212-555-0100")).contains("12125550100");
    }

    @Test
    void cutsAnExtension() {
        assertThat(digits("+44 20 7946 0000 ext. 12")).contains("442079460000");
        assertThat(digits("+1 212 555 0100 x12")).contains("12125550100");
    }

    @Test
    void aNationalNumberHasNoCallingCode() {
        assertThat(digits("01 23 45 67 89")).isEmpty();
        assertThat(digits("(212) 555-0100")).isEmpty();
        assertThat(digits("0118 496 0000")).isEmpty();
    }

    @Test
    void refusesWhatIsNoNumber() {
        assertThat(digits(null)).isEmpty();
        assertThat(digits("")).isEmpty();
        assertThat(digits("call me")).isEmpty();
        assertThat(digits("+33 12")).isEmpty();
        assertThat(digits("+1234567890123456")).isEmpty();
        assertThat(digits("+33 1 +23 45")).isEmpty();
    }
}
