package com.emailengine.core.campaign.timing;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a holiday falls in a given year, as written in {@code holidays.tsv}: a fixed date ({@code 07-14}), a distance
 * from Easter Sunday ({@code easter+1}, {@code easter-2}), or the n-th or last weekday of a month ({@code 11-thu#4},
 * {@code 05-mon#last}). Only rules that are exact are expressible: no lunar or observed-moon dates.
 */
sealed interface HolidayRule {

    LocalDate in(int year);

    record Fixed(MonthDay date) implements HolidayRule {
        @Override
        public LocalDate in(int year) {
            return date.atYear(year);
        }
    }

    record FromEaster(int days) implements HolidayRule {
        @Override
        public LocalDate in(int year) {
            return Easter.sunday(year).plusDays(days);
        }
    }

    /** @param ordinal 1 to 4 for the first to fourth such weekday of the month, -1 for the last */
    record NthWeekday(Month month, DayOfWeek day, int ordinal) implements HolidayRule {
        @Override
        public LocalDate in(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            return ordinal < 0 ? first.with(TemporalAdjusters.lastInMonth(day))
                    : first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
        }
    }

    Pattern FIXED = Pattern.compile("(\\d\\d)-(\\d\\d)");
    Pattern FROM_EASTER = Pattern.compile("easter(?:([+-])(\\d{1,2}))?");
    Pattern NTH_WEEKDAY = Pattern.compile("(\\d\\d)-([a-z]{3})#([1-4]|last)");

    static Optional<HolidayRule> parse(String text) {
        String rule = text.strip().toLowerCase(Locale.ROOT);
        try {
            Matcher fixed = FIXED.matcher(rule);
            if (fixed.matches()) {
                return Optional.of(new Fixed(MonthDay.of(Integer.parseInt(fixed.group(1)), Integer.parseInt(fixed.group(2)))));
            }
            Matcher easter = FROM_EASTER.matcher(rule);
            if (easter.matches()) {
                int days = easter.group(2) == null ? 0 : Integer.parseInt(easter.group(2));
                return Optional.of(new FromEaster("-".equals(easter.group(1)) ? -days : days));
            }
            Matcher nth = NTH_WEEKDAY.matcher(rule);
            if (nth.matches()) {
                Optional<DayOfWeek> day = WeekDays.parse(nth.group(2));
                int ordinal = "last".equals(nth.group(3)) ? -1 : Integer.parseInt(nth.group(3));
                return day.map(d -> new NthWeekday(Month.of(Integer.parseInt(nth.group(1))), d, ordinal));
            }
        } catch (DateTimeException e) {
            return Optional.empty(); // 13-01, 02-30, ...
        }
        return Optional.empty();
    }
}
