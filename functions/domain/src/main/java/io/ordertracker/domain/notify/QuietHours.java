package io.ordertracker.domain.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * No text messages at night in the shopper's time zone: between {@code start} (21:00) and {@code end} (08:00)
 * an SMS waits until the end of the window. DST is handled by the zone rules (08:00 local, whatever the offset).
 */
public record QuietHours(LocalTime start, LocalTime end) {
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    /** When the message may be sent, if not now. */
    public Optional<Instant> deferUntil(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        if (!t.isBefore(start)) {
            return Optional.of(local.toLocalDate().plusDays(1).atTime(end).atZone(zone).toInstant());
        }
        if (t.isBefore(end)) {
            return Optional.of(local.toLocalDate().atTime(end).atZone(zone).toInstant());
        }
        return Optional.empty();
    }
}
