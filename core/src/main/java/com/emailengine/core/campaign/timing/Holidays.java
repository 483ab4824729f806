package com.emailengine.core.campaign.timing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public holidays of the countries {@code holidays.tsv} beside this class covers (its header says which, what is
 * left out and why): fixed dates, Easter-based dates and n-th weekdays, each with the country's day in lieu when it
 * falls on a weekend. A country the file does not list has no holidays here, which is not the same as having none.
 * Immutable in what it answers, thread-safe; the days of a country's year are computed once and kept.
 */
public final class Holidays {

    /**
     * One line of the file.
     *
     * @param fromYear first year the holiday exists ({@link Integer#MIN_VALUE}: always)
     * @param untilYear last year it exists ({@link Integer#MAX_VALUE}: still)
     */
    record Holiday(String country, HolidayRule rule, Substitute substitute, int fromYear, int untilYear, String name) {

        boolean existsIn(int year) {
            return year >= fromYear && year <= untilYear;
        }
    }

    private record CountryYear(String country, int year) {
    }

    private static final Pattern YEARS = Pattern.compile("(\\d{4})?-(\\d{4})?");

    private final Map<String, List<Holiday>> byCountry;
    private final Map<CountryYear, Map<LocalDate, String>> daysOff = new ConcurrentHashMap<>();

    Holidays(List<Holiday> holidays) {
        Map<String, List<Holiday>> grouped = new HashMap<>();
        for (Holiday holiday : holidays) {
            grouped.computeIfAbsent(holiday.country(), c -> new ArrayList<>()).add(holiday);
        }
        grouped.replaceAll((country, list) -> List.copyOf(list));
        this.byCountry = Map.copyOf(grouped);
    }

    public static Holidays shipped() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final Holidays INSTANCE = parse(DataFile.resource("holidays.tsv"));
    }

    static Holidays parse(DataFile file) {
        List<Holiday> holidays = new ArrayList<>();
        for (DataFile.Row row : file.rows()) {
            String country = row.column(0);
            if (!country.matches("[A-Z]{2}")) {
                throw row.error("'" + country + "' is not an ISO 3166-1 alpha-2 code");
            }
            HolidayRule rule = HolidayRule.parse(row.column(1)).orElseThrow(() -> row.error("'" + row.column(1)
                    + "' is not a date rule (MM-DD, easter, easter+N, easter-N, MM-ddd#N, MM-ddd#last)"));
            Substitute substitute = Substitute.parse(row.column(2)).orElseThrow(() -> row.error("'" + row.column(2)
                    + "' is not a substitute rule (-, friday-or-monday, next-free-weekday, sunday-to-monday)"));
            Matcher years = YEARS.matcher(row.column(3));
            if (!years.matches()) {
                throw row.error("'" + row.column(3) + "' is not a year range (-, 2021-, -2019, 2021-2030)");
            }
            String name = row.column(4);
            if (name.isEmpty()) {
                throw row.error("the holiday has no name");
            }
            holidays.add(new Holiday(country, rule, substitute,
                    years.group(1) == null ? Integer.MIN_VALUE : Integer.parseInt(years.group(1)),
                    years.group(2) == null ? Integer.MAX_VALUE : Integer.parseInt(years.group(2)), name));
        }
        return new Holidays(holidays);
    }

    /** The name of the holiday (or day in lieu) on this date in this country, if it is one. */
    public Optional<String> on(String country, LocalDate date) {
        if (country == null || !byCountry.containsKey(country)) {
            return Optional.empty();
        }
        // A day in lieu may fall in the year before its holiday (New Year's Day on a Saturday, in the US).
        String name = daysOff(country, date.getYear()).get(date);
        return Optional.ofNullable(name != null ? name : daysOff(country, date.getYear() + 1).get(date));
    }

    public boolean isHoliday(String country, LocalDate date) {
        return on(country, date).isPresent();
    }

    /** The days off that this year's holidays give, in lieu days included, by date. */
    public Map<LocalDate, String> daysOff(String country, int year) {
        if (!byCountry.containsKey(country)) {
            return Map.of();
        }
        return daysOff.computeIfAbsent(new CountryYear(country, year), key -> compute(byCountry.get(country), year));
    }

    public Set<String> countries() {
        return byCountry.keySet();
    }

    private static Map<LocalDate, String> compute(List<Holiday> holidays, int year) {
        Map<LocalDate, String> days = new TreeMap<>();
        List<Map.Entry<LocalDate, Holiday>> dated = new ArrayList<>();
        for (Holiday holiday : holidays) {
            if (holiday.existsIn(year)) {
                LocalDate date = holiday.rule().in(year);
                days.putIfAbsent(date, holiday.name());
                dated.add(Map.entry(date, holiday));
            }
        }
        // Days in lieu in date order, each avoiding the holidays and the days in lieu before it.
        dated.sort(Map.Entry.comparingByKey());
        Set<LocalDate> off = new HashSet<>(days.keySet());
        for (Map.Entry<LocalDate, Holiday> entry : dated) {
            Optional<LocalDate> inLieu = entry.getValue().substitute().inLieuOf(entry.getKey(), off);
            if (inLieu.isPresent() && off.add(inLieu.get())) {
                days.put(inLieu.get(), entry.getValue().name() + " (day in lieu)");
            }
        }
        return Collections.unmodifiableMap(days);
    }
}
