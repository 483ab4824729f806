package com.emailengine.core.campaign.timing;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class SendingWindowTest {

    @Test
    void readsARangeOfDaysAndHours() {
        SendingWindow window = SendingWindow.parse("mon-fri", "09:00-17:00", true);

        assertThat(window.days()).containsExactlyInAnyOrder(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
        assertThat(window.opens()).isEqualTo(LocalTime.of(9, 0));
        assertThat(window.closes()).isEqualTo(LocalTime.of(17, 0));
        assertThat(window.businessDaysOnly()).isTrue();
        assertThat(window.crossesMidnight()).isFalse();
    }

    @Test
    void readsAListOfDaysInAnyCaseAndSpacing() {
        assertThat(SendingWindow.parse("mon,wed,fri", "09:00-17:00", false).days()).containsExactlyInAnyOrder(MONDAY, WEDNESDAY, FRIDAY);
        assertThat(SendingWindow.parse(" Mon - Tue , FRI ", "9:00 - 17:30", false).days())
                .containsExactlyInAnyOrder(MONDAY, TUESDAY, FRIDAY);
    }

    @Test
    void aRangeMayWrapOverTheWeekend() {
        assertThat(SendingWindow.parse("fri-mon", "09:00-17:00", false).days())
                .containsExactlyInAnyOrder(FRIDAY, SATURDAY, SUNDAY, MONDAY);
        assertThat(SendingWindow.parse("sun-thu", "09:00-17:00", false).days()).doesNotContain(FRIDAY, SATURDAY);
    }

    @Test
    void hoursEndingBeforeTheyStartCrossMidnight() {
        SendingWindow window = SendingWindow.parse("mon", "22:00-02:00", false);

        assertThat(window.crossesMidnight()).isTrue();
        assertThat(window.closes()).isEqualTo(LocalTime.of(2, 0));
    }

    @Test
    void twentyFourHundredIsTheNextMidnight() {
        assertThat(SendingWindow.parse("mon", "00:00-24:00", false).crossesMidnight()).isTrue();
        assertThat(SendingWindow.parse("mon", "18:00-24:00", false).closes()).isEqualTo(LocalTime.MIDNIGHT);
    }

    @Test
    void aBadDayIsNamed() {
        assertThatThrownBy(() -> SendingWindow.parse("mon-fro", "09:00-17:00", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sending window days 'mon-fro': 'fro' is not a day (mon, tue, wed, thu, fri, sat, sun)");
        assertThatThrownBy(() -> SendingWindow.parse("monday", "09:00-17:00", false))
                .hasMessageContaining("'monday' is not a day");
        assertThatThrownBy(() -> SendingWindow.parse("mon,,fri", "09:00-17:00", false))
                .hasMessageContaining("'' is neither a day nor a range of days");
        assertThatThrownBy(() -> SendingWindow.parse("mon-wed-fri", "09:00-17:00", false))
                .hasMessageContaining("'mon-wed-fri' is neither a day nor a range of days");
    }

    @Test
    void noDaysAreRefused() {
        assertThatThrownBy(() -> SendingWindow.parse(" ", "09:00-17:00", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sending window days: none given");
    }

    @Test
    void badHoursAreNamed() {
        assertThatThrownBy(() -> SendingWindow.parse("mon-fri", "9-17", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sending window hours '9-17': expected HH:MM-HH:MM, e.g. 09:00-17:00");
        assertThatThrownBy(() -> SendingWindow.parse("mon-fri", "09:00-25:00", false))
                .hasMessage("sending window hours '09:00-25:00': '25:00' is not a time of day");
        assertThatThrownBy(() -> SendingWindow.parse("mon-fri", "24:00-08:00", false))
                .hasMessage("sending window hours '24:00-08:00': '24:00' is not a time of day");
        assertThatThrownBy(() -> SendingWindow.parse("mon-fri", "09:60-17:00", false))
                .hasMessageContaining("'09:60' is not a time of day");
        assertThatThrownBy(() -> SendingWindow.parse("mon-fri", null, false)).hasMessageContaining("expected HH:MM-HH:MM");
    }

    @Test
    void aWindowThatClosesWhenItOpensIsRefused() {
        assertThatThrownBy(() -> SendingWindow.parse("mon-fri", "09:00-09:00", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it opens and closes at the same time");
    }
}
