package io.ordertracker.sandbox;

/**
 * What happens at a step of a journey, independent of carrier. Each carrier's API class renders a milestone in that
 * carrier's own codes and words.
 */
public enum Milestone {
    LABEL_CREATED,
    PICKED_UP,
    DEPARTED,
    ARRIVED,
    CUSTOMS_HELD,
    CUSTOMS_CLEARED,
    /** The carrier reports a delay (its own reason, e.g. a late flight); the estimate moves to the rescheduled date. */
    DELAYED,
    /** The carrier reports a weather delay; the estimate moves to the rescheduled date. */
    WEATHER_DELAY,
    OUT_FOR_DELIVERY,
    ATTEMPT_FAILED,
    /** A delivery attempt failed: no access to the building or gate. */
    ATTEMPT_NO_ACCESS,
    DAMAGED,
    /** The recipient refused the parcel. */
    REFUSED,
    /** Held at a carrier location for the recipient to collect (after failed attempts). */
    HELD_FOR_PICKUP,
    ADDRESS_PROBLEM,
    AVAILABLE_FOR_PICKUP,
    RETURNING,
    RETURNED,
    DELIVERED
}
