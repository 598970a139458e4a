package io.ordertracker.carriers;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carrier time formats. Carriers report local wall-clock time plus an offset (sometimes in separate fields); we keep
 * that offset so the event reads in the place it happened and the instant is still exact. Dates that are only dates
 * (ETAs) stay {@link LocalDate}: converting them through UTC is what moves an ETA by a day.
 */
public final class EventTimes {

    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2}):?(\\d{2})?");
    private static final DateTimeFormatter ISO_MAYBE_OFFSET = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS][XXX][XX][X]");

    private EventTimes() {
    }

    /** "-05:00", "-5:00", "+0100", "Z", "+01" → offset; null or unreadable → null. */
    public static ZoneOffset offset(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        Matcher m = OFFSET.matcher(t);
        if (!m.matches()) {
            return null;
        }
        int hours = Integer.parseInt(m.group(2));
        int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int sign = m.group(1).equals("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /**
     * An ISO local date-time with or without an offset. Without one, {@code fallbackOffset} is applied (the carrier
     * told us the offset elsewhere); without either the time is read as UTC rather than as our own zone.
     */
    public static OffsetDateTime isoDateTime(String text, ZoneOffset fallbackOffset) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            TemporalAccessor parsed = ISO_MAYBE_OFFSET.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt;
            }
            return ((LocalDateTime) parsed).atOffset(fallbackOffset == null ? ZoneOffset.UTC : fallbackOffset);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The calendar date written at the start of an ISO date or date-time, ignoring any time and offset. */
    public static LocalDate leadingDate(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** UPS style: date "20210210", time "071356" (or "74700" without the leading zero), offset "-05:00". */
    public static OffsetDateTime compact(String yyyymmdd, String hhmmss, ZoneOffset offset) {
        LocalDate date = compactDate(yyyymmdd);
        if (date == null) {
            return null;
        }
        LocalTime time = compactTime(hhmmss);
        return LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time)
                .atOffset(offset == null ? ZoneOffset.UTC : offset);
    }

    public static LocalDate compactDate(String yyyymmdd) {
        if (yyyymmdd == null || !yyyymmdd.trim().matches("\\d{8}")) {
            return null;
        }
        return LocalDate.parse(yyyymmdd.trim(), DateTimeFormatter.BASIC_ISO_DATE);
    }

    public static LocalTime compactTime(String hhmmss) {
        if (hhmmss == null || !hhmmss.trim().matches("\\d{3,6}")) {
            return null;
        }
        String padded = "0".repeat(6 - hhmmss.trim().length()) + hhmmss.trim();
        return LocalTime.of(Integer.parseInt(padded.substring(0, 2)), Integer.parseInt(padded.substring(2, 4)),
                Integer.parseInt(padded.substring(4, 6)));
    }

    /** "HH:mm", "HH:mm:ss", "h:mm am" → local time, null when unreadable. */
    public static LocalTime clockTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        for (String pattern : new String[] {"H:mm[:ss]", "h:mm a", "h:mma", "hh:mm a"}) {
            try {
                return LocalTime.parse(t, DateTimeFormatter.ofPattern(pattern, java.util.Locale.US));
            } catch (DateTimeParseException ignored) {
                // try the next shape
            }
        }
        return null;
    }
}
