package com.emailengine.core.campaign.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EasterTest {

    @ParameterizedTest
    @CsvSource({"2000, 2000-04-23", "2019, 2019-04-21", "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05",
            "2027, 2027-03-28", "1818, 1818-03-22", "2285, 2285-03-22", "2038, 2038-04-25"})
    void theGregorianComputusGivesEasterSunday(int year, LocalDate sunday) {
        assertThat(Easter.sunday(year)).isEqualTo(sunday);
    }
}
