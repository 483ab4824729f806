package com.emailengine.core.campaign.timing;

import com.emailengine.core.routing.CountryLanguages;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a date is a working day in a country: not one of its weekend days ({@link Countries}) and not one of its
 * public holidays ({@link Holidays}). A country that is unknown or not given keeps a Saturday-Sunday weekend and no
 * holidays, the most common rule and the safe guess. Countries are accepted as contacts give them (alpha-2 or
 * alpha-3, any case). Immutable, thread-safe.
 */
public final class BusinessDays {

    static final Set<DayOfWeek> SATURDAY_SUNDAY = Set.copyOf(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));

    private final Countries countries;
    private final Holidays holidays;

    public BusinessDays(Countries countries, Holidays holidays) {
        this.countries = countries;
        this.holidays = holidays;
    }

    public static BusinessDays shipped() {
        return new BusinessDays(Countries.shipped(), Holidays.shipped());
    }

    public Set<DayOfWeek> weekend(String country) {
        return code(country).flatMap(countries::country).map(Countries.Country::weekend).orElse(SATURDAY_SUNDAY);
    }

    public Optional<String> holiday(String country, LocalDate date) {
        return code(country).flatMap(code -> holidays.on(code, date));
    }

    public boolean isBusinessDay(LocalDate date, String country) {
        return !weekend(country).contains(date.getDayOfWeek()) && holiday(country, date).isEmpty();
    }

    private static Optional<String> code(String country) {
        return CountryLanguages.normalizeCountry(country);
    }
}
