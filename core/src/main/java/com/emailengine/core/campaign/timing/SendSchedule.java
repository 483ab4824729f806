package com.emailengine.core.campaign.timing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a step may be sent to a contact: the first opening of the step's {@link SendingWindow} in the contact's zone
 * at or after the step is due, and the contact's own moment in it ({@link SendSpread}).
 * <p>
 * Local times become instants by {@link ZonedDateTime#of}'s rules, so daylight saving time is the zone's: a time
 * that does not exist (in the spring gap) moves later by the gap's length, so a window opening at 02:30 in
 * Europe/Paris on the last Sunday of March opens at 03:30 summer time; a time that happens twice (the autumn
 * overlap) is its first, summer-time occurrence. A window that the gap swallows whole (02:30-03:00 that day) does not
 * open that day.
 * <p>
 * A contact due while the window is open is spread over the rest of that opening rather than sent at once: an import
 * enrolled at 10:00 into a 09:00-17:00 window would otherwise leave in one burst as surely as one enrolled at 08:00.
 * A contact due before the opening is spread over all of it. Pass the step's due time as {@code notBefore}, never the
 * clock, so that a retry gets the same moment. Immutable, thread-safe.
 */
public final class SendSchedule {

    /** A year of holidays and a week more: a window that has not opened by then never will. */
    private static final int DAYS_SEARCHED = 372;

    private final BusinessDays businessDays;

    public SendSchedule(BusinessDays businessDays) {
        this.businessDays = businessDays;
    }

    public static SendSchedule shipped() {
        return new SendSchedule(BusinessDays.shipped());
    }

    /** The earliest instant at or after {@code notBefore} inside the window; empty when the window never opens. */
    public Optional<Instant> firstOpening(SendingWindow window, Instant notBefore, ZoneId zone, String country) {
        return remainingOpening(window, notBefore, zone, country).map(WindowOpening::opens);
    }

    /** The contact's moment in the rest of the first opening; empty when the window never opens. */
    public Optional<Instant> schedule(SendingWindow window, Instant notBefore, ZoneId zone, String country, long seed) {
        return remainingOpening(window, notBefore, zone, country).map(opening -> SendSpread.within(opening, seed));
    }

    /** {@link #schedule(SendingWindow, Instant, ZoneId, String, long)} in the zone inferred for the contact. */
    public Optional<Instant> schedule(SendingWindow window, Instant notBefore, InferredZone zone, String country, long seed) {
        return schedule(window, notBefore, zone.zone(), country, seed);
    }

    /** What is left, from {@code notBefore} on, of the first opening that closes after it. */
    public Optional<WindowOpening> remainingOpening(SendingWindow window, Instant notBefore, ZoneId zone, String country) {
        if (window.businessDaysOnly() && businessDays.weekend(country).containsAll(window.days())) {
            return Optional.empty();
        }
        // Start the day before: a window crossing midnight may have opened yesterday and still be open.
        LocalDate day = notBefore.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            if (!opensOn(window, day, country)) {
                continue;
            }
            Optional<WindowOpening> opening = opening(window, day, zone);
            if (opening.isPresent() && opening.get().closes().isAfter(notBefore)) {
                Instant opens = opening.get().opens();
                return Optional.of(new WindowOpening(opens.isBefore(notBefore) ? notBefore : opens, opening.get().closes()));
            }
        }
        return Optional.empty();
    }

    /** The window's opening on a day it opens; empty when daylight saving time leaves nothing of it. */
    static Optional<WindowOpening> opening(SendingWindow window, LocalDate day, ZoneId zone) {
        Instant opens = ZonedDateTime.of(day, window.opens(), zone).toInstant();
        LocalDate closingDay = window.crossesMidnight() ? day.plusDays(1) : day;
        Instant closes = ZonedDateTime.of(closingDay, window.closes(), zone).toInstant();
        return closes.isAfter(opens) ? Optional.of(new WindowOpening(opens, closes)) : Optional.empty();
    }

    private boolean opensOn(SendingWindow window, LocalDate day, String country) {
        return window.days().contains(day.getDayOfWeek())
                && (!window.businessDaysOnly() || businessDays.isBusinessDay(day, country));
    }
}
