package com.emailengine.core.campaign.timing;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each country's representative time zone and weekend days, from {@code countries.tsv} beside this class (its
 * header says where every value comes from and how the zone of a multi-zone country was chosen). Keys are ISO
 * 3166-1 alpha-2 codes in upper case; callers normalize what contacts send. Immutable, thread-safe.
 */
public final class Countries {

    /** One row of the table. */
    public record Country(String code, ZoneId zone, Set<DayOfWeek> weekend) {

        public Country {
            weekend = Set.copyOf(weekend);
        }
    }

    private final Map<String, Country> byCode;

    public Countries(Map<String, Country> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    public static Countries shipped() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final Countries INSTANCE = parse(DataFile.resource("countries.tsv"));
    }

    static Countries parse(DataFile file) {
        Map<String, Country> countries = new HashMap<>();
        for (DataFile.Row row : file.rows()) {
            String code = row.column(0);
            if (!code.matches("[A-Z]{2}")) {
                throw row.error("'" + code + "' is not an ISO 3166-1 alpha-2 code");
            }
            Country country = new Country(code, zone(row), weekend(row));
            if (countries.put(code, country) != null) {
                throw row.error(code + " is listed twice");
            }
        }
        return new Countries(countries);
    }

    public Optional<Country> country(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public Optional<ZoneId> zoneOf(String code) {
        return country(code).map(Country::zone);
    }

    public Set<String> codes() {
        return byCode.keySet();
    }

    private static ZoneId zone(DataFile.Row row) {
        try {
            return ZoneId.of(row.column(1));
        } catch (DateTimeException e) {
            throw row.error("'" + row.column(1) + "' is not a time zone of this JVM: " + e.getMessage());
        }
    }

    private static Set<DayOfWeek> weekend(DataFile.Row row) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : row.column(2).split(",")) {
            days.add(WeekDays.parse(day.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> row.error("'" + row.column(2) + "' is not a list of days such as fri,sat")));
        }
        return days;
    }
}
