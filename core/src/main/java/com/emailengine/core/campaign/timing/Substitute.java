package com.emailengine.core.campaign.timing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Which weekday is also off when a holiday falls on a weekend, by the country's own rule. Only the rules written in
 * law are here; countries where the employer or the region decides have none.
 */
enum Substitute {
    /** No day in lieu. */
    NONE("-"),
    /**
     * United States federal holidays: Saturday → the Friday before, Sunday → the Monday after (5 U.S.C. 6103(b),
     * Executive Order 11582). New Year's Day on a Saturday is thus observed on December 31 of the year before.
     */
    FRIDAY_OR_MONDAY("friday-or-monday"),
    /**
     * United Kingdom bank holidays: Saturday or Sunday → the next weekday that is not already a bank holiday, so
     * Christmas on a Saturday and Boxing Day on a Sunday give Monday 27 and Tuesday 28 December (the royal
     * proclamations under the Banking and Financial Dealings Act 1971).
     */
    NEXT_FREE_WEEKDAY("next-free-weekday"),
    /** Canada Day: "July 1 … or July 2 when July 1 is a Sunday" (Holidays Act, R.S.C. 1985, c. H-5, s. 2). */
    SUNDAY_TO_MONDAY("sunday-to-monday");

    private final String text;

    Substitute(String text) {
        this.text = text;
    }

    static Optional<Substitute> parse(String text) {
        for (Substitute substitute : values()) {
            if (substitute.text.equals(text)) {
                return Optional.of(substitute);
            }
        }
        return Optional.empty();
    }

    /** The day off in lieu of a holiday on {@code date}, given the days already off; empty when there is none. */
    Optional<LocalDate> inLieuOf(LocalDate date, Set<LocalDate> alreadyOff) {
        DayOfWeek day = date.getDayOfWeek();
        return switch (this) {
            case NONE -> Optional.empty();
            case FRIDAY_OR_MONDAY -> day == DayOfWeek.SATURDAY ? Optional.of(date.minusDays(1))
                    : day == DayOfWeek.SUNDAY ? Optional.of(date.plusDays(1)) : Optional.empty();
            case NEXT_FREE_WEEKDAY -> {
                if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                    yield Optional.empty();
                }
                LocalDate next = date.plusDays(1);
                while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY
                        || alreadyOff.contains(next)) {
                    next = next.plusDays(1);
                }
                yield Optional.of(next);
            }
            case SUNDAY_TO_MONDAY -> day == DayOfWeek.SUNDAY ? Optional.of(date.plusDays(1)) : Optional.empty();
        };
    }
}
