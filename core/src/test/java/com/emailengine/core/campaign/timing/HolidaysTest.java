package com.emailengine.core.campaign.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HolidaysTest {

    private static final Holidays HOLIDAYS = Holidays.shipped();

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void franceHasItsElevenHolidaysIn2026() {
        assertThat(HOLIDAYS.daysOff("FR", 2026)).containsOnlyKeys(date("2026-01-01"), date("2026-04-06"),
                date("2026-05-01"), date("2026-05-08"), date("2026-05-14"), date("2026-05-25"), date("2026-07-14"),
                date("2026-08-15"), date("2026-11-01"), date("2026-11-11"), date("2026-12-25"));
    }

    @Test
    void easterBasedHolidaysFollowTheComputus() {
        assertThat(HOLIDAYS.on("DE", date("2026-04-03"))).contains("Karfreitag");
        assertThat(HOLIDAYS.on("DE", date("2026-04-06"))).contains("Ostermontag");
        assertThat(HOLIDAYS.on("DE", date("2026-05-14"))).contains("Christi Himmelfahrt");
        assertThat(HOLIDAYS.on("DE", date("2026-05-25"))).contains("Pfingstmontag");
        assertThat(HOLIDAYS.on("AT", date("2026-06-04"))).contains("Fronleichnam");
        assertThat(HOLIDAYS.on("GB", date("2025-04-21"))).contains("Easter Monday");
    }

    @Test
    void usHolidaysOnAWeekdayRuleFallOnTheRightDay() {
        assertThat(HOLIDAYS.on("US", date("2026-01-19"))).contains("Birthday of Martin Luther King, Jr.");
        assertThat(HOLIDAYS.on("US", date("2026-05-25"))).contains("Memorial Day");
        assertThat(HOLIDAYS.on("US", date("2026-09-07"))).contains("Labor Day");
        assertThat(HOLIDAYS.on("US", date("2026-11-26"))).contains("Thanksgiving Day");
        assertThat(HOLIDAYS.on("GB", date("2026-08-31"))).contains("Summer bank holiday");
    }

    @Test
    void aUsFederalHolidayOnASaturdayIsObservedOnTheFriday() {
        assertThat(HOLIDAYS.on("US", date("2026-07-03"))).contains("Independence Day (day in lieu)");
        assertThat(HOLIDAYS.on("US", date("2021-12-31"))).contains("New Year's Day (day in lieu)");
    }

    @Test
    void aUsFederalHolidayOnASundayIsObservedOnTheMonday() {
        assertThat(HOLIDAYS.on("US", date("2023-01-02"))).contains("New Year's Day (day in lieu)");
    }

    @Test
    void aUkBankHolidayOnAWeekendMovesToTheNextFreeWeekday() {
        // Christmas on a Saturday, Boxing Day on a Sunday.
        assertThat(HOLIDAYS.on("GB", date("2027-12-27"))).contains("Christmas Day (day in lieu)");
        assertThat(HOLIDAYS.on("GB", date("2027-12-28"))).contains("Boxing Day (day in lieu)");
        // Christmas on a Sunday: Monday is Boxing Day already, so Tuesday.
        assertThat(HOLIDAYS.on("GB", date("2022-12-26"))).contains("Boxing Day");
        assertThat(HOLIDAYS.on("GB", date("2022-12-27"))).contains("Christmas Day (day in lieu)");
    }

    @Test
    void canadaDayOnASundayMovesToTheMonday() {
        assertThat(HOLIDAYS.on("CA", date("2029-07-02"))).contains("Canada Day (day in lieu)");
    }

    @Test
    void franceGivesNoDayInLieu() {
        assertThat(HOLIDAYS.on("FR", date("2026-11-02"))).isEmpty(); // All Saints' Day 2026 is a Sunday
    }

    @Test
    void aHolidayCountsOnlyFromTheYearItWasCreated() {
        assertThat(HOLIDAYS.on("US", date("2020-06-19"))).isEmpty();
        assertThat(HOLIDAYS.on("US", date("2025-06-19"))).contains("Juneteenth National Independence Day");
        assertThat(HOLIDAYS.on("PL", date("2024-12-24"))).isEmpty();
        assertThat(HOLIDAYS.on("PL", date("2025-12-24"))).contains("Wigilia Bożego Narodzenia");
    }

    @Test
    void aCountryTheFileDoesNotCoverHasNoHolidays() {
        assertThat(HOLIDAYS.on("JP", date("2026-01-01"))).isEmpty();
        assertThat(HOLIDAYS.on(null, date("2026-01-01"))).isEmpty();
    }

    @Test
    void aBadRuleIsReportedWithItsLine() {
        DataFile file = DataFile.parse("holidays.tsv", "FR\t07-14\t-\t-\tFête nationale\nFR\t13-01\t-\t-\tNowhere\n");

        assertThatThrownBy(() -> Holidays.parse(file)).hasMessageStartingWith("holidays.tsv line 2: '13-01' is not a date rule");
    }

    @Test
    void aBadDayInLieuIsReportedWithItsLine() {
        DataFile file = DataFile.parse("holidays.tsv", "US\t07-04\tnearest\t-\tIndependence Day\n");

        assertThatThrownBy(() -> Holidays.parse(file)).hasMessageStartingWith("holidays.tsv line 1: 'nearest'");
    }
}
