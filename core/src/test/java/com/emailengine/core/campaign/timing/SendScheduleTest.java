package com.emailengine.core.campaign.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId JERUSALEM = ZoneId.of("Asia/Jerusalem");
    private static final SendingWindow OFFICE_HOURS = SendingWindow.parse("mon-fri", "09:00-17:00", false);
    private static final SendingWindow BUSINESS_HOURS = SendingWindow.parse("mon-fri", "09:00-17:00", true);
    private static final SendSchedule SCHEDULE = SendSchedule.shipped();

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Optional<Instant> first(SendingWindow window, String notBefore, ZoneId zone, String country) {
        return SCHEDULE.firstOpening(window, at(notBefore), zone, country);
    }

    @Test
    void oneInstantOpensTheWindowAtEachContactsLocalNineOClock() {
        String wednesdayNoonUtc = "2026-03-04T12:00:00Z";

        // 21:00 in Tokyo: closed until Thursday 09:00 JST.
        assertThat(first(OFFICE_HOURS, wednesdayNoonUtc, TOKYO, "JP")).contains(at("2026-03-05T00:00:00Z"));
        // 13:00 in Paris: open now.
        assertThat(first(OFFICE_HOURS, wednesdayNoonUtc, PARIS, "FR")).contains(at("2026-03-04T12:00:00Z"));
        // 07:00 in New York: opens at 09:00 EST.
        assertThat(first(OFFICE_HOURS, wednesdayNoonUtc, NEW_YORK, "US")).contains(at("2026-03-04T14:00:00Z"));
    }

    @Test
    void aWindowOpeningInTheSpringGapOpensOnceTheClocksHaveMoved() {
        SendingWindow night = SendingWindow.parse("sun", "02:30-05:00", false);

        // 2026-03-29 in Paris: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist; it opens at 03:30 CEST.
        assertThat(SCHEDULE.remainingOpening(night, at("2026-03-28T12:00:00Z"), PARIS, "FR"))
                .contains(new WindowOpening(at("2026-03-29T01:30:00Z"), at("2026-03-29T03:00:00Z")));
        // 2026-03-08 in New York: 02:30 does not exist; 03:30 EDT.
        assertThat(first(night, "2026-03-07T12:00:00Z", NEW_YORK, "US")).contains(at("2026-03-08T07:30:00Z"));
    }

    @Test
    void aWindowOpeningInTheAutumnOverlapOpensAtTheFirstOfTheTwoTimes() {
        // 2026-10-25 in Paris: 02:30 happens in CEST, then again in CET; the first (CEST, UTC+2) counts.
        SendingWindow parisNight = SendingWindow.parse("sun", "02:30-05:00", false);
        assertThat(SCHEDULE.remainingOpening(parisNight, at("2026-10-24T12:00:00Z"), PARIS, "FR"))
                .contains(new WindowOpening(at("2026-10-25T00:30:00Z"), at("2026-10-25T04:00:00Z")));

        // 2026-11-01 in New York: 01:30 happens in EDT, then in EST; the first (EDT, UTC-4) counts.
        SendingWindow newYorkNight = SendingWindow.parse("sun", "01:30-05:00", false);
        assertThat(SCHEDULE.remainingOpening(newYorkNight, at("2026-10-31T12:00:00Z"), NEW_YORK, "US"))
                .contains(new WindowOpening(at("2026-11-01T05:30:00Z"), at("2026-11-01T10:00:00Z")));
    }

    @Test
    void aWindowTheSpringGapSwallowsDoesNotOpenThatDay() {
        SendingWindow inTheGap = SendingWindow.parse("mon-sun", "02:30-03:00", false);

        assertThat(first(inTheGap, "2026-03-28T12:00:00Z", PARIS, "FR")).contains(at("2026-03-30T00:30:00Z"));
    }

    @Test
    void officeHoursFollowTheLocalClockAcrossTheChange() {
        assertThat(first(OFFICE_HOURS, "2026-03-27T00:00:00Z", PARIS, "FR")).contains(at("2026-03-27T08:00:00Z"));
        assertThat(first(OFFICE_HOURS, "2026-03-28T00:00:00Z", PARIS, "FR")).contains(at("2026-03-30T07:00:00Z"));
    }

    @Test
    void theDaysOfTheWindowSkipTheWeekend() {
        // Friday 18:30 in Paris: next Monday 09:00 CET.
        assertThat(first(OFFICE_HOURS, "2026-03-06T17:30:00Z", PARIS, "FR")).contains(at("2026-03-09T08:00:00Z"));
    }

    @Test
    void businessDaysOnlySkipsTheCountrysOwnWeekend() {
        SendingWindow everyBusinessDay = SendingWindow.parse("mon-sun", "09:00-17:00", true);

        // Thursday 18:00 in Jerusalem: Friday and Saturday are the weekend, Sunday 09:00 IST opens.
        assertThat(first(everyBusinessDay, "2026-03-05T16:00:00Z", JERUSALEM, "IL")).contains(at("2026-03-08T07:00:00Z"));
        // The same window for France opens on the Friday.
        assertThat(first(everyBusinessDay, "2026-03-05T18:00:00Z", PARIS, "FR")).contains(at("2026-03-06T08:00:00Z"));
    }

    @Test
    void businessDaysOnlySkipsPublicHolidays() {
        // Monday 13 July 2026, 18:00 in Paris; the 14th is the Fête nationale.
        assertThat(first(BUSINESS_HOURS, "2026-07-13T16:00:00Z", PARIS, "FR")).contains(at("2026-07-15T07:00:00Z"));
        assertThat(first(OFFICE_HOURS, "2026-07-13T16:00:00Z", PARIS, "FR")).contains(at("2026-07-14T07:00:00Z"));
    }

    @Test
    void aWindowOnlyOnWeekendDaysNeverOpensOnBusinessDays() {
        SendingWindow fridaySaturday = SendingWindow.parse("fri,sat", "09:00-17:00", true);

        assertThat(first(fridaySaturday, "2026-03-04T12:00:00Z", JERUSALEM, "IL")).isEmpty();
        assertThat(SCHEDULE.schedule(fridaySaturday, at("2026-03-04T12:00:00Z"), JERUSALEM, "IL", 7)).isEmpty();
        assertThat(first(fridaySaturday, "2026-03-04T12:00:00Z", PARIS, "FR")).contains(at("2026-03-06T08:00:00Z"));
    }

    @Test
    void aWindowCrossingMidnightStaysOpenAfterMidnight() {
        SendingWindow mondayNight = SendingWindow.parse("mon", "22:00-02:00", false);

        // Tuesday 01:00 in Paris: Monday's window is still open, until 02:00.
        assertThat(SCHEDULE.remainingOpening(mondayNight, at("2026-03-03T00:00:00Z"), PARIS, "FR"))
                .contains(new WindowOpening(at("2026-03-03T00:00:00Z"), at("2026-03-03T01:00:00Z")));
        // Tuesday 03:00: closed until next Monday 22:00.
        assertThat(first(mondayNight, "2026-03-03T02:00:00Z", PARIS, "FR")).contains(at("2026-03-09T21:00:00Z"));
    }

    @Test
    void aWindowCrossingMidnightIsTestedOnTheDayItOpens() {
        SendingWindow fridayNight = SendingWindow.parse("fri", "22:00-02:00", true);

        assertThat(SCHEDULE.remainingOpening(fridayNight, at("2026-03-06T12:00:00Z"), PARIS, "FR"))
                .contains(new WindowOpening(at("2026-03-06T21:00:00Z"), at("2026-03-07T01:00:00Z")));
    }

    @Test
    void theWholeDayIsAlwaysOpen() {
        SendingWindow always = SendingWindow.parse("mon-sun", "00:00-24:00", false);

        assertThat(first(always, "2026-03-07T03:17:00Z", TOKYO, "JP")).contains(at("2026-03-07T03:17:00Z"));
    }

    @Test
    void theSpreadIsTheSameForTheSameSeed() {
        Instant due = at("2026-03-04T06:00:00Z");

        assertThat(SCHEDULE.schedule(OFFICE_HOURS, due, PARIS, "FR", 42))
                .isEqualTo(SCHEDULE.schedule(OFFICE_HOURS, due, PARIS, "FR", 42));
        assertThat(SCHEDULE.schedule(OFFICE_HOURS, due, PARIS, "FR", 42))
                .isNotEqualTo(SCHEDULE.schedule(OFFICE_HOURS, due, PARIS, "FR", 43));
    }

    @Test
    void aContactDueBeforeTheWindowIsSpreadOverAllOfIt() {
        Instant due = at("2026-03-04T06:00:00Z"); // 07:00 in Paris
        WindowOpening day = new WindowOpening(at("2026-03-04T08:00:00Z"), at("2026-03-04T16:00:00Z"));

        for (long seed = 0; seed < 1000; seed++) {
            assertThat(SCHEDULE.schedule(OFFICE_HOURS, due, PARIS, "FR", seed)).hasValueSatisfying(moment ->
                    assertThat(day.contains(moment)).as("%s inside %s", moment, day).isTrue());
        }
    }

    @Test
    void aContactDueInsideTheWindowIsSpreadOverTheRestOfIt() {
        Instant due = at("2026-03-04T14:00:00Z"); // 15:00 in Paris
        WindowOpening rest = new WindowOpening(due, at("2026-03-04T16:00:00Z"));

        for (long seed = 0; seed < 1000; seed++) {
            assertThat(SCHEDULE.schedule(OFFICE_HOURS, due, PARIS, "FR", seed)).hasValueSatisfying(moment ->
                    assertThat(rest.contains(moment)).as("%s inside %s", moment, rest).isTrue());
        }
    }

    @Test
    void aThousandContactsSpreadEvenlyOverTheWindow() {
        Instant due = at("2026-03-04T06:00:00Z");
        Instant opens = at("2026-03-04T08:00:00Z");
        int[] perHour = new int[8];

        for (long seed = 0; seed < 1000; seed++) {
            Instant moment = SCHEDULE.schedule(OFFICE_HOURS, due, PARIS, "FR", seed).orElseThrow();
            perHour[(int) Duration.between(opens, moment).toHours()]++;
        }

        // 125 expected per hour; the seeds are fixed, the bound is wide: this proves "no burst", not randomness.
        assertThat(Arrays.stream(perHour).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(80, 170));
    }
}
