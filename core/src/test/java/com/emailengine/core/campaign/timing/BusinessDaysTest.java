package com.emailengine.core.campaign.timing;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {

    private static final BusinessDays DAYS = BusinessDays.shipped();

    @Test
    void israelRestsOnFridayAndSaturdayAndWorksOnSunday() {
        assertThat(DAYS.weekend("IL")).containsExactlyInAnyOrder(FRIDAY, SATURDAY);
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-12-06"), "IL")).isTrue(); // a Sunday
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-12-04"), "IL")).isFalse(); // a Friday
    }

    @Test
    void saudiArabiaRestsOnFridayAndSaturday() {
        assertThat(DAYS.weekend("SA")).containsExactlyInAnyOrder(FRIDAY, SATURDAY);
    }

    @Test
    void theEmiratesRestOnSaturdayAndSundaySince2022() {
        assertThat(DAYS.weekend("AE")).containsExactlyInAnyOrder(SATURDAY, SUNDAY);
    }

    @Test
    void mostCountriesRestOnSaturdayAndSunday() {
        assertThat(DAYS.weekend("FR")).containsExactlyInAnyOrder(SATURDAY, SUNDAY);
        assertThat(DAYS.weekend("US")).containsExactlyInAnyOrder(SATURDAY, SUNDAY);
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-12-05"), "FR")).isFalse(); // a Saturday
    }

    @Test
    void otherWeekendsAreTheCountrysOwn() {
        assertThat(DAYS.weekend("IR")).containsExactly(FRIDAY);
        assertThat(DAYS.weekend("AF")).containsExactlyInAnyOrder(THURSDAY, FRIDAY);
        assertThat(DAYS.weekend("EG")).containsExactlyInAnyOrder(FRIDAY, SATURDAY);
        assertThat(DAYS.weekend("BN")).containsExactlyInAnyOrder(FRIDAY, SUNDAY);
    }

    @Test
    void anUnknownOrMissingCountryRestsOnSaturdayAndSunday() {
        assertThat(DAYS.weekend(null)).containsExactlyInAnyOrder(SATURDAY, SUNDAY);
        assertThat(DAYS.weekend("Atlantis")).containsExactlyInAnyOrder(SATURDAY, SUNDAY);
    }

    @Test
    void aPublicHolidayIsNoBusinessDay() {
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-07-14"), "FR")).isFalse();
        assertThat(DAYS.holiday("FR", LocalDate.parse("2026-07-14"))).contains("Fête nationale");
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-07-15"), "FR")).isTrue();
    }

    @Test
    void easterMonday2026IsAprilSixthInGermanyAndFrance() {
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-04-06"), "DE")).isFalse();
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-04-06"), "FR")).isFalse();
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-04-07"), "DE")).isTrue();
    }

    @Test
    void thanksgiving2026IsNovemberTwentySixth() {
        assertThat(DAYS.holiday("US", LocalDate.parse("2026-11-26"))).contains("Thanksgiving Day");
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-11-19"), "US")).isTrue();
    }

    @Test
    void theCountryIsReadAsContactsGiveIt() {
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-07-14"), "fr")).isFalse();
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-07-14"), "FRA")).isFalse();
        assertThat(DAYS.weekend("il")).containsExactlyInAnyOrder(FRIDAY, SATURDAY);
    }

    @Test
    void aCountryWithoutHolidayLinesHasOnlyItsWeekend() {
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-08-03"), "CH")).isTrue();
        assertThat(DAYS.isBusinessDay(LocalDate.parse("2026-12-25"), null)).isTrue();
    }
}
