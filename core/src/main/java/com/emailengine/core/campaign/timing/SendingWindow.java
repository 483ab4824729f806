package com.emailengine.core.campaign.timing;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a step may reach a contact, in the contact's local time: the days the window opens and the hours it is open,
 * optionally on business days only (the contact's country's weekend and public holidays skipped, {@link BusinessDays}).
 * <p>
 * A window may cross midnight: {@code 22:00-02:00} opens at 22:00 on each of its days and closes at 02:00 the next
 * morning, so {@code fri 22:00-02:00} runs into Saturday; the day (and the business-day test) is the day it opens.
 * {@code 00:00-24:00} is the whole day. The API's text form is {@link #parse}; its refusals are
 * {@link IllegalArgumentException}s whose message names the bad part, for a 4xx answer.
 *
 * @param closes the time it closes; not after {@code opens} means the next day
 */
public record SendingWindow(Set<DayOfWeek> days, LocalTime opens, LocalTime closes, boolean businessDaysOnly) {

    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

    public SendingWindow {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("sending window: no day given");
        }
        if (opens.equals(closes) && !opens.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("sending window: opens and closes at " + opens);
        }
    }

    /**
     * A window from its text form: {@code days} as a comma-separated list of days and ranges of three-letter English
     * names in any case ({@code mon-fri}, {@code mon,wed,fri}, {@code sun-thu}, {@code fri-mon} wraps over the
     * weekend), {@code hours} as {@code HH:MM-HH:MM} ({@code 09:00-17:00}, {@code 22:00-02:00}, {@code 00:00-24:00}).
     */
    public static SendingWindow parse(String days, String hours, boolean businessDaysOnly) {
        Set<DayOfWeek> parsedDays = parseDays(days);
        LocalTime[] times = parseHours(hours);
        return new SendingWindow(parsedDays, times[0], times[1], businessDaysOnly);
    }

    /** Whether the window closes on the day after it opens. */
    public boolean crossesMidnight() {
        return !closes.isAfter(opens);
    }

    static Set<DayOfWeek> parseDays(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("sending window days: none given (e.g. mon-fri)");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.split(",", -1)) {
            String[] ends = item.split("-", -1);
            if (ends.length > 2 || item.isBlank()) {
                throw new IllegalArgumentException("sending window days '" + text + "': '" + item.strip()
                        + "' is neither a day nor a range of days such as mon-fri");
            }
            DayOfWeek first = day(text, ends[0]);
            DayOfWeek last = ends.length == 2 ? day(text, ends[1]) : first;
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String name) {
        String day = name.strip().toLowerCase(Locale.ROOT);
        return WeekDays.parse(day).orElseThrow(() -> new IllegalArgumentException("sending window days '" + text
                + "': '" + name.strip() + "' is not a day (" + WeekDays.NAMES + ")"));
    }

    private static LocalTime[] parseHours(String text) {
        Matcher hours = HOURS.matcher(text == null ? "" : text.strip());
        if (!hours.matches()) {
            throw new IllegalArgumentException("sending window hours '" + text + "': expected HH:MM-HH:MM, e.g. 09:00-17:00");
        }
        LocalTime opens = time(hours.group(1), hours.group(2), false)
                .orElseThrow(() -> badTime(text, hours.group(1) + ":" + hours.group(2)));
        LocalTime closes = time(hours.group(3), hours.group(4), true)
                .orElseThrow(() -> badTime(text, hours.group(3) + ":" + hours.group(4)));
        boolean wholeDay = opens.equals(LocalTime.MIDNIGHT) && "24".equals(hours.group(3));
        if (opens.equals(closes) && !wholeDay) {
            throw new IllegalArgumentException("sending window hours '" + text
                    + "': it opens and closes at the same time (00:00-24:00 is the whole day)");
        }
        return new LocalTime[] {opens, closes};
    }

    /** A time of day; {@code 24:00}, allowed as a closing time only, is the next midnight. */
    private static Optional<LocalTime> time(String hour, String minute, boolean closing) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        if (closing && h == 24 && m == 0) {
            return Optional.of(LocalTime.MIDNIGHT);
        }
        return h <= 23 && m <= 59 ? Optional.of(LocalTime.of(h, m)) : Optional.empty();
    }

    private static IllegalArgumentException badTime(String text, String time) {
        return new IllegalArgumentException("sending window hours '" + text + "': '" + time + "' is not a time of day");
    }
}
