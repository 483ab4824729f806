package com.emailengine.local.runtime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, evaluated in UTC as EventBridge rules do:
 * {@code rate(5 minutes)} or {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} with
 * {@code , - * /} and {@code ?}. The {@code L}, {@code W} and {@code #} wildcards are refused with a clear
 * message rather than silently misread. The grammar is EventBridge's:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 *
 * <p>Immutable once parsed; {@link #next} may be called from any thread.
 */
public sealed interface ScheduleExpression {

    /**
     * The first firing strictly after {@code after}.
     *
     * @throws IllegalStateException when the expression never fires again (a cron whose years are past,
     *                               or a date that does not exist such as 30 February)
     */
    Instant next(Instant after);

    static ScheduleExpression parse(String expression) {
        String text = expression.strip();
        if (text.startsWith("rate(") && text.endsWith(")")) {
            return Rate.parse(text.substring(5, text.length() - 1).strip(), expression);
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return Cron.parse(text.substring(5, text.length() - 1).strip(), expression);
        }
        throw new IllegalArgumentException("schedule '" + expression + "' must be rate(...) or cron(...)");
    }

    /** A fixed period from the moment the schedule starts. */
    record Rate(Duration period) implements ScheduleExpression {

        private static final Pattern RATE = Pattern.compile("(\\d{1,9})\\s+(minute|minutes|hour|hours|day|days)");

        static Rate parse(String body, String expression) {
            Matcher m = RATE.matcher(body);
            if (!m.matches()) {
                throw new IllegalArgumentException("rate '" + expression + "' must be like rate(5 minutes)");
            }
            long value = Long.parseLong(m.group(1));
            if (value <= 0) {
                throw new IllegalArgumentException("rate '" + expression + "' must be positive");
            }
            boolean singular = !m.group(2).endsWith("s");
            if (singular != (value == 1)) {
                throw new IllegalArgumentException("rate '" + expression + "': EventBridge wants the singular unit for 1 and the plural otherwise");
            }
            Duration unit = switch (m.group(2).replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(1);
                case "hour" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(unit.multipliedBy(value));
        }

        @Override
        public Instant next(Instant after) {
            return after.plus(period);
        }
    }

    /** A cron expression; day-of-month and day-of-week combine as EventBridge requires (one of them is ?). */
    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years,
                boolean anyDayOfMonth, boolean anyDayOfWeek) implements ScheduleExpression {

        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        /** EventBridge's year field: 1970-2199. */
        private static final int FIRST_YEAR = 1970;
        private static final int LAST_YEAR = 2199;
        /** A value with one of the wildcards this evaluator does not implement: L, 5L, LW, 15W (and # anywhere). */
        private static final Pattern UNSUPPORTED = Pattern.compile("\\d*L|LW|\\d*W");

        static Cron parse(String body, String expression) {
            String[] f = body.split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException("cron '" + expression + "' needs 6 fields: minutes hours day-of-month month day-of-week year");
            }
            boolean domAny = f[2].equals("?");
            boolean dowAny = f[4].equals("?");
            if (domAny == dowAny) {
                throw new IllegalArgumentException("cron '" + expression + "': exactly one of day-of-month and day-of-week must be ?");
            }
            return new Cron(field(f[0], 0, 59, List.of(), expression), field(f[1], 0, 23, List.of(), expression),
                    domAny ? all(1, 31) : field(f[2], 1, 31, List.of(), expression),
                    field(f[3], 1, 12, MONTHS, expression),
                    dowAny ? all(1, 7) : field(f[4], 1, 7, DAYS, expression),
                    field(f[5], FIRST_YEAR, LAST_YEAR, List.of(), expression), domAny, dowAny);
        }

        private static BitSet all(int min, int max) {
            BitSet set = new BitSet();
            set.set(min, max + 1);
            return set;
        }

        /** One field: a comma list of {@code *}, a value, or a range {@code a-b}, each optionally {@code /step}. */
        private static BitSet field(String text, int min, int max, List<String> names, String expression) {
            BitSet set = new BitSet();
            for (String part : text.split(",", -1)) {
                String p = part.toUpperCase(Locale.ROOT);
                if (p.contains("#")) {
                    throw unsupported(expression);
                }
                int step = 1;
                int slash = p.indexOf('/');
                if (slash >= 0) {
                    step = number(p.substring(slash + 1), 1, max, "step", expression);
                    p = p.substring(0, slash);
                }
                int from;
                int to;
                if (p.equals("*")) {
                    from = min;
                    to = max;
                } else if (p.contains("-")) {
                    String[] ends = p.split("-", -1);
                    if (ends.length != 2) {
                        throw new IllegalArgumentException("cron '" + expression + "': bad range '" + part + "'");
                    }
                    from = value(ends[0], min, max, names, expression);
                    to = value(ends[1], min, max, names, expression);
                } else {
                    from = value(p, min, max, names, expression);
                    // "5/15" means from 5 to the end of the field, every 15.
                    to = slash >= 0 ? max : from;
                }
                if (from > to) {
                    throw new IllegalArgumentException("cron '" + expression + "': bad range '" + part + "'");
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            }
            return set;
        }

        private static int value(String text, int min, int max, List<String> names, String expression) {
            int index = names.indexOf(text);
            if (index >= 0) {
                return index + 1;
            }
            // Only after the names: JUL and WED contain L and W without being wildcards.
            if (UNSUPPORTED.matcher(text).matches()) {
                throw unsupported(expression);
            }
            return number(text, min, max, "value", expression);
        }

        private static int number(String text, int min, int max, String what, String expression) {
            if (!text.matches("\\d{1,4}")) {
                throw new IllegalArgumentException("cron '" + expression + "': '" + text + "' is not a " + what);
            }
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException("cron '" + expression + "': " + what + " " + v + " is outside " + min + "-" + max);
            }
            return v;
        }

        private static IllegalArgumentException unsupported(String expression) {
            return new IllegalArgumentException("cron '" + expression + "': the L, W and # wildcards are not supported here");
        }

        @Override
        public Instant next(Instant after) {
            ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            // Field by field, each mismatch jumps to the start of the next candidate unit, so the walk is
            // short even for a yearly schedule; it ends after the last year the expression allows.
            int lastYear = years.previousSetBit(LAST_YEAR);
            while (t.getYear() <= lastYear) {
                if (!years.get(t.getYear())) {
                    t = t.plusYears(1).withDayOfYear(1).withHour(0).withMinute(0);
                    continue;
                }
                if (!months.get(t.getMonthValue())) {
                    t = t.plusMonths(1).withDayOfMonth(1).withHour(0).withMinute(0);
                    continue;
                }
                if (!dayMatches(t)) {
                    t = t.plusDays(1).withHour(0).withMinute(0);
                    continue;
                }
                if (!hours.get(t.getHour())) {
                    t = t.plusHours(1).withMinute(0);
                    continue;
                }
                if (!minutes.get(t.getMinute())) {
                    t = t.plusMinutes(1);
                    continue;
                }
                return t.toInstant();
            }
            throw new IllegalStateException("the schedule never fires after " + after);
        }

        private boolean dayMatches(ZonedDateTime t) {
            // EventBridge numbers days of week 1 = Sunday … 7 = Saturday.
            int dow = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
            return (anyDayOfMonth || daysOfMonth.get(t.getDayOfMonth())) && (anyDayOfWeek || daysOfWeek.get(dow));
        }
    }
}
