package io.ordertracker.domain.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No text messages at night in the shopper's time zone: between {@code start} (21:00) and {@code end} (08:00)
 * an SMS waits until the end of the window. DST is handled by the zone rules (08:00 local, whatever the offset).
 * A window whose start is before its end (a merchant's "12:00-14:00") lies within one day.
 */
public record QuietHours(LocalTime start, LocalTime end) {
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final Pattern TEXT = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)");

    public QuietHours {
        if (start == null || end == null || start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need a start and a different end");
        }
    }

    /** {@code "21:00-08:00"} (24-hour clock, start and end differ); empty for anything else, null included. */
    public static Optional<QuietHours> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalTime start = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        LocalTime end = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        return start.equals(end) ? Optional.empty() : Optional.of(new QuietHours(start, end));
    }

    /** When the message may be sent, if not now. */
    public Optional<Instant> deferUntil(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end)
                    ? Optional.of(local.toLocalDate().atTime(end).atZone(zone).toInstant()) : Optional.empty();
        }
        if (!t.isBefore(start)) {
            return Optional.of(local.toLocalDate().plusDays(1).atTime(end).atZone(zone).toInstant());
        }
        if (t.isBefore(end)) {
            return Optional.of(local.toLocalDate().atTime(end).atZone(zone).toInstant());
        }
        return Optional.empty();
    }
}
