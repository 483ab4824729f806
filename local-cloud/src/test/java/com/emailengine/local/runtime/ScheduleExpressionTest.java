package com.emailengine.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schedule expressions as EventBridge defines them, evaluated in UTC:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 * (rate: a positive whole number, singular unit for 1 and plural otherwise; cron: six fields
 * Minutes Hours Day-of-month Month Day-of-week Year, day-of-week 1-7 = SUN-SAT, year 1970-2199,
 * and one of day-of-month / day-of-week must be ?).
 */
class ScheduleExpressionTest {

    private static final Instant NOON = Instant.parse("2026-03-14T12:00:00Z");

    @ParameterizedTest(name = "{0} is a period of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            rate(1 minute)   | PT1M
            rate(5 minutes)  | PT5M
            rate(1 hour)     | PT1H
            rate(2 days)     | PT48H
            rate(10 hours)   | PT10H
            """)
    void ratesAreFixedPeriodsFromTheLastFiring(String expression, Duration period) {
        ScheduleExpression schedule = ScheduleExpression.parse(expression);

        assertThat(schedule).isEqualTo(new ScheduleExpression.Rate(period));
        assertThat(schedule.next(NOON)).isEqualTo(NOON.plus(period));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"rate(0 minutes)", "rate(1 minutes)", "rate(5 minute)", "rate(2 hour)", "rate(1 days)",
            "rate(5 seconds)", "rate(-1 minutes)", "rate(1.5 hours)", "rate()", "rate(minutes)",
            "rate(9999999999 days)", "every 5 minutes", "rate(5 minutes", ""})
    void refusesRatesEventBridgeRefuses(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + expression + "'");
    }

    @Test
    void refusesTheWrongUnitNumberWithTheRuleInTheMessage() {
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 minutes)"))
                .hasMessageContaining("singular unit for 1 and the plural otherwise");
    }

    /** 2026-03-14 is a Saturday; each row is checked by hand against a calendar. */
    @ParameterizedTest(name = "{0} after {1} fires at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # every 5 minutes: strictly after, so a firing instant moves on to the next one
            cron(0/5 * * * ? *)           | 2026-03-14T10:07:30Z | 2026-03-14T10:10:00Z
            cron(*/5 * * * ? *)           | 2026-03-14T10:55:00Z | 2026-03-14T11:00:00Z
            cron(0/5 * * * ? *)           | 2026-03-14T23:59:00Z | 2026-03-15T00:00:00Z
            # daily 06:00 UTC
            cron(0 6 * * ? *)             | 2026-03-14T05:59:59Z | 2026-03-14T06:00:00Z
            cron(0 6 * * ? *)             | 2026-03-14T06:00:00Z | 2026-03-15T06:00:00Z
            # weekdays 09:30: from Saturday to Monday, from Monday's run to Tuesday, from Friday's to Monday
            cron(30 9 ? * MON-FRI *)      | 2026-03-14T10:07:00Z | 2026-03-16T09:30:00Z
            cron(30 9 ? * MON-FRI *)      | 2026-03-16T09:30:00Z | 2026-03-17T09:30:00Z
            cron(30 9 ? * MON-FRI *)      | 2026-03-20T09:30:00Z | 2026-03-23T09:30:00Z
            cron(30 9 ? * 2-6 *)          | 2026-03-14T10:07:00Z | 2026-03-16T09:30:00Z
            # first day of the month, across a year end
            cron(0 8 1 * ? *)             | 2026-03-14T10:07:00Z | 2026-04-01T08:00:00Z
            cron(0 8 1 * ? *)             | 2026-12-01T08:00:00Z | 2027-01-01T08:00:00Z
            # lists, ranges and steps
            cron(15,45 8-10 * * ? *)      | 2026-03-14T08:20:00Z | 2026-03-14T08:45:00Z
            cron(15,45 8-10 * * ? *)      | 2026-03-14T10:46:00Z | 2026-03-15T08:15:00Z
            cron(0 8-17/3 * * ? *)        | 2026-03-14T11:00:00Z | 2026-03-14T14:00:00Z
            cron(0 8-17/3 * * ? *)        | 2026-03-14T17:00:00Z | 2026-03-15T08:00:00Z
            cron(0 0 1 */3 ? *)           | 2026-03-14T10:07:00Z | 2026-04-01T00:00:00Z
            cron(0 0 1,15 * ? *)          | 2026-03-14T10:07:00Z | 2026-03-15T00:00:00Z
            cron(0 12 10-12 * ? *)        | 2026-03-14T10:07:00Z | 2026-04-10T12:00:00Z
            # day-of-week numbering: 1 = SUN ... 7 = SAT
            cron(0 12 ? * 1 *)            | 2026-03-14T10:07:00Z | 2026-03-15T12:00:00Z
            cron(0 12 ? * SUN *)          | 2026-03-14T10:07:00Z | 2026-03-15T12:00:00Z
            cron(0 12 ? * 7 *)            | 2026-03-14T10:07:00Z | 2026-03-14T12:00:00Z
            cron(0 12 ? * SAT *)          | 2026-03-14T12:00:00Z | 2026-03-21T12:00:00Z
            cron(0 12 ? * 2 *)            | 2026-03-14T10:07:00Z | 2026-03-16T12:00:00Z
            cron(0 12 ? * SUN,WED *)      | 2026-03-15T12:00:00Z | 2026-03-18T12:00:00Z
            # names whose letters look like the L and W wildcards
            cron(0 0 1 JUL-DEC ? *)       | 2026-03-14T10:07:00Z | 2026-07-01T00:00:00Z
            cron(0 9 ? * MON-WED *)       | 2026-03-18T10:00:00Z | 2026-03-23T09:00:00Z
            cron(0 0 1 jul ? *)           | 2026-03-14T10:07:00Z | 2026-07-01T00:00:00Z
            # the year field
            cron(0 0 1 1 ? 2028)          | 2026-03-14T10:07:00Z | 2028-01-01T00:00:00Z
            cron(0 0 1 1 ? 2027-2030/2)   | 2027-01-01T00:00:00Z | 2029-01-01T00:00:00Z
            # dates that are missing from some months
            cron(0 0 31 * ? *)            | 2026-04-01T00:00:00Z | 2026-05-31T00:00:00Z
            cron(0 0 29 2 ? *)            | 2026-03-14T10:07:00Z | 2028-02-29T00:00:00Z
            """)
    void computesTheNextCronFiringInUtc(String expression, Instant after, Instant expected) {
        assertThat(ScheduleExpression.parse(expression).next(after)).isEqualTo(expected);
    }

    @Test
    void firesInUtcWhateverTheDefaultTimeZone() {
        // 06:00 UTC is 07:00 in Paris in winter; the firing is pinned to UTC, not to the JVM's zone.
        Instant next = ScheduleExpression.parse("cron(0 6 * * ? *)").next(Instant.parse("2026-01-10T00:00:00Z"));

        assertThat(next.atZone(ZoneOffset.UTC).getHour()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(0 6 1 * MON *)        | exactly one of day-of-month and day-of-week must be ?
            cron(0 6 * * * *)          | exactly one of day-of-month and day-of-week must be ?
            cron(0 6 ? * ? *)          | exactly one of day-of-month and day-of-week must be ?
            cron(0 0 L * ? *)          | the L, W and # wildcards are not supported here
            cron(0 0 LW * ? *)         | the L, W and # wildcards are not supported here
            cron(0 0 15W * ? *)        | the L, W and # wildcards are not supported here
            cron(0 9 ? * 6L *)         | the L, W and # wildcards are not supported here
            cron(0 9 ? * 2#1 *)        | the L, W and # wildcards are not supported here
            cron(60 * * * ? *)         | value 60 is outside 0-59
            cron(0 24 * * ? *)         | value 24 is outside 0-23
            cron(0 0 32 * ? *)         | value 32 is outside 1-31
            cron(0 0 0 * ? *)          | value 0 is outside 1-31
            cron(0 0 1 13 ? *)         | value 13 is outside 1-12
            cron(0 0 ? * 0 *)          | value 0 is outside 1-7
            cron(0 0 ? * 8 *)          | value 8 is outside 1-7
            cron(0 0 1 1 ? 2200)       | value 2200 is outside 1970-2199
            cron(0 0 1 1 ? 1969)       | value 1969 is outside 1970-2199
            cron(0 0 1 JANUARY ? *)    | 'JANUARY' is not a value
            cron(0 0 ? * MON-FUN *)    | 'FUN' is not a value
            cron(*/0 * * * ? *)        | step 0 is outside 1-59
            cron(*/x * * * ? *)        | 'X' is not a step
            cron(5-1 * * * ? *)        | bad range '5-1'
            cron(1-2-3 * * * ? *)      | bad range '1-2-3'
            cron(1,,2 * * * ? *)       | '' is not a value
            cron(? 6 * * ? *)          | '?' is not a value
            cron(0 6 * * ?)            | needs 6 fields
            """)
    void refusesCronExpressionsItCannotHonour(String expression, String reason) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + expression + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void saysWhenACronNeverFiresAgain() {
        ScheduleExpression past = ScheduleExpression.parse("cron(0 0 1 1 ? 2020-2025)");
        ScheduleExpression impossible = ScheduleExpression.parse("cron(0 0 30 2 ? *)");

        assertThatThrownBy(() -> past.next(NOON)).isInstanceOf(IllegalStateException.class).hasMessageContaining("never fires");
        assertThatThrownBy(() -> impossible.next(NOON)).isInstanceOf(IllegalStateException.class).hasMessageContaining("never fires");
    }
}
