package com.emailengine.core.campaign.timing;

import java.time.DayOfWeek;
import java.util.Optional;

/** The three-letter English day names the data files and the API's sending windows use ({@code mon} … {@code sun}). */
final class WeekDays {

    static final String NAMES = "mon, tue, wed, thu, fri, sat, sun";

    private WeekDays() {
    }

    /** The day of a lower-case three-letter name. */
    static Optional<DayOfWeek> parse(String name) {
        return switch (name) {
            case "mon" -> Optional.of(DayOfWeek.MONDAY);
            case "tue" -> Optional.of(DayOfWeek.TUESDAY);
            case "wed" -> Optional.of(DayOfWeek.WEDNESDAY);
            case "thu" -> Optional.of(DayOfWeek.THURSDAY);
            case "fri" -> Optional.of(DayOfWeek.FRIDAY);
            case "sat" -> Optional.of(DayOfWeek.SATURDAY);
            case "sun" -> Optional.of(DayOfWeek.SUNDAY);
            default -> Optional.empty();
        };
    }
}
