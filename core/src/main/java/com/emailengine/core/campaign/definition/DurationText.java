package com.emailengine.core.campaign.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A campaign's durations as operators write them: {@code 90s}, {@code 10m}, {@code 36h}, {@code 3d}, {@code 2w}, or ISO-8601. */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,7})\\s*([smhdw])");

    private DurationText() {
    }

    /** Empty for anything else, a negative duration included. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT.matcher(value);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return Optional.of(switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            });
        }
        if (value.startsWith("p") && value.length() <= 40) {
            try {
                Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
                return parsed.isNegative() ? Optional.empty() : Optional.of(parsed);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The shortest exact short form: {@code 3d}, {@code 36h}, {@code 90m}, {@code 0s}. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 604_800 == 0) {
            return seconds / 604_800 + "w";
        }
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
