package io.ordertracker.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The carrier's delivery estimate. A date stays a date (no time zone to drift it by a day); a window, when the
 * carrier gives one, keeps its offset.
 */
public record EstimatedDelivery(LocalDate date, OffsetDateTime windowStart, OffsetDateTime windowEnd, Kind kind) {

    public enum Kind { SCHEDULED, RESCHEDULED, WINDOW, ESTIMATED }

    public static EstimatedDelivery of(LocalDate date, Kind kind) {
        return new EstimatedDelivery(date, null, null, kind);
    }
}
