package com.emailengine.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A single value of a configuration document; {@code text} is null for an explicit YAML null. */
public record ConfigScalar(String source, int line, String text) implements ConfigNode {

    public String string(String what) {
        if (text == null || text.isBlank()) {
            throw error(what + " must not be empty");
        }
        return text.strip();
    }

    public int integer(String what, int min, int max) {
        String value = string(what);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw error(what + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw error(what + " must be a whole number, got '" + value + "'");
        }
    }

    public boolean bool(String what) {
        return switch (string(what).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(what + " must be true or false, got '" + text + "'");
        };
    }

    /** ISO-8601 ({@code PT10M}, {@code P2D}) or a short form ({@code 90s}, {@code 10m}, {@code 6h}, {@code 3d}). */
    public Duration duration(String what) {
        String value = string(what);
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            char unit = Character.toLowerCase(value.charAt(value.length() - 1));
            long amount = Long.parseLong(value.substring(0, value.length() - 1).strip());
            Duration parsed = switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw error(what + " has an unknown unit '" + unit + "' (use s, m, h, d or ISO-8601)");
            };
            if (parsed.isNegative()) {
                throw error(what + " must not be negative");
            }
            return parsed;
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw error(what + " must be a duration such as 90s, 10m, 6h, 3d or PT10M, got '" + value + "'");
        }
    }
}
