package io.ordertracker.local.runtime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge schedule expressions: {@code rate(5 minutes)} and {@code cron(min hour day-of-month month
 * day-of-week year)} (with {@code *}, {@code ?}, lists, ranges, steps and names; {@code L}, {@code W} and
 * {@code #} are not supported locally), evaluated in a time zone (UTC unless ScheduleExpressionTimezone says).
 */
abstract sealed class ScheduleExpression permits ScheduleExpression.Rate, ScheduleExpression.Cron {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");

    /** The first firing strictly after {@code after}. */
    abstract Instant next(Instant after);

    static ScheduleExpression parse(String expression, ZoneId zone, Instant anchor) {
        String e = expression.trim();
        Matcher rate = RATE.matcher(e);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            Duration every = switch (rate.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(n);
                case "hour", "hours" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return new Rate(every, anchor);
        }
        Matcher cron = CRON.matcher(e);
        if (cron.matches()) {
            return new Cron(cron.group(1).trim().split("\\s+"), zone);
        }
        throw new IllegalArgumentException("not a schedule expression: " + expression);
    }

    static final class Rate extends ScheduleExpression {
        private final Duration every;
        private final Instant anchor;

        Rate(Duration every, Instant anchor) {
            this.every = every;
            this.anchor = anchor;
        }

        @Override
        Instant next(Instant after) {
            long periods = Duration.between(anchor, after).toMillis() / every.toMillis() + 1;
            return anchor.plus(every.multipliedBy(Math.max(1, periods)));
        }
    }

    static final class Cron extends ScheduleExpression {
        private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
                Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
                Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
        private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5,
                "FRI", 6, "SAT", 7);

        private final BitSet minutes;
        private final BitSet hours;
        private final BitSet daysOfMonth;
        private final BitSet months;
        private final BitSet daysOfWeek; // 1 = Sunday ... 7 = Saturday, as EventBridge numbers them
        private final BitSet years;
        private final boolean anyDayOfMonth;
        private final boolean anyDayOfWeek;
        private final ZoneId zone;

        Cron(String[] f, ZoneId zone) {
            if (f.length != 6) {
                throw new IllegalArgumentException("cron needs 6 fields: minutes hours day-of-month month day-of-week year");
            }
            this.minutes = field(f[0], 0, 59, Map.of());
            this.hours = field(f[1], 0, 23, Map.of());
            this.daysOfMonth = field(f[2], 1, 31, Map.of());
            this.months = field(f[3], 1, 12, MONTHS);
            this.daysOfWeek = field(f[4], 1, 7, DAYS);
            this.years = field(f[5], 1970, 2199, Map.of());
            this.anyDayOfMonth = f[2].equals("*") || f[2].equals("?");
            this.anyDayOfWeek = f[4].equals("*") || f[4].equals("?");
            this.zone = zone;
        }

        @Override
        Instant next(Instant after) {
            ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            ZonedDateTime limit = t.plusYears(5);
            while (t.isBefore(limit)) {
                if (!years.get(t.getYear()) || !months.get(t.getMonthValue())) {
                    t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                    continue;
                }
                if (!dayMatches(t)) {
                    t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                    continue;
                }
                if (!hours.get(t.getHour())) {
                    t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                    continue;
                }
                if (!minutes.get(t.getMinute())) {
                    t = t.plusMinutes(1);
                    continue;
                }
                return t.toInstant();
            }
            throw new IllegalStateException("cron expression never fires");
        }

        private boolean dayMatches(ZonedDateTime t) {
            int dow = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
            boolean dom = daysOfMonth.get(t.getDayOfMonth());
            boolean wd = daysOfWeek.get(dow);
            if (anyDayOfMonth && anyDayOfWeek) {
                return true;
            }
            if (anyDayOfMonth) {
                return wd;
            }
            if (anyDayOfWeek) {
                return dom;
            }
            return dom && wd;
        }

        private static BitSet field(String spec, int min, int max, Map<String, Integer> names) {
            BitSet bits = new BitSet(max + 1);
            for (String part : spec.toUpperCase(Locale.ROOT).split(",")) {
                if (part.equals("*") || part.equals("?")) {
                    bits.set(min, max + 1);
                    continue;
                }
                int step = 1;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(part.substring(slash + 1));
                    part = part.substring(0, slash);
                }
                int from;
                int to;
                if (part.equals("*")) {
                    from = min;
                    to = max;
                } else if (part.contains("-")) {
                    String[] range = part.split("-");
                    from = value(range[0], names);
                    to = value(range[1], names);
                } else {
                    from = value(part, names);
                    to = slash >= 0 ? max : from;
                }
                for (int v = from; v <= to; v += step) {
                    bits.set(v);
                }
            }
            return bits;
        }

        private static int value(String s, Map<String, Integer> names) {
            Integer named = names.get(s);
            if (named != null) {
                return named;
            }
            if (!s.matches("\\d+")) {
                throw new IllegalArgumentException("unsupported cron value locally: " + s);
            }
            return Integer.parseInt(s);
        }
    }
}
