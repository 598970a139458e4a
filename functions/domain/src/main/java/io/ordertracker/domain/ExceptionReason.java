package io.ordertracker.domain;

/** Why a shipment is in trouble. Carried beside EXCEPTION-like statuses; NONE otherwise. */
public enum ExceptionReason {
    NONE,
    /** Delivery attempted, nobody there / no access. */
    RECIPIENT_UNAVAILABLE,
    ADDRESS_ISSUE,
    REFUSED,
    DAMAGED,
    CUSTOMS_HOLD,
    WEATHER,
    CARRIER_DELAY,
    /** Held at a carrier facility (on request, for pickup arrangement, security). */
    HELD,
    PAYMENT_DUE,
    RETURNING,
    RETURNED,
    LOST,
    /** The carrier never knew the tracking number after the grace period. */
    NOT_FOUND,
    OTHER
}
