package io.ordertracker.domain;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One carrier scan in canonical form. The carrier's own code and text are kept so nothing is lost in mapping;
 * the time keeps the UTC offset the carrier reported it in.
 */
public record TrackingEvent(OffsetDateTime time, ShipmentStatus status, ExceptionReason reason,
                            String carrierCode, String description, String location) {

    public TrackingEvent {
        reason = reason == null ? ExceptionReason.NONE : reason;
    }

    public Instant instant() {
        return time == null ? null : time.toInstant();
    }

    /** A stable identity for de-duplication: the same scan reported twice has the same id. */
    public String eventId() {
        String raw = (time == null ? "" : time.toInstant().toString()) + '|' + nullToEmpty(carrierCode) + '|'
                + nullToEmpty(description) + '|' + nullToEmpty(location);
        return Hashing.sha256Hex(raw).substring(0, 24);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
