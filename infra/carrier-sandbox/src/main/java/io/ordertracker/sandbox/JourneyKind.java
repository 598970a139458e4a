package io.ordertracker.sandbox;

import java.util.Locale;

/** The scripted stories the sandbox plays. */
public enum JourneyKind {
    DELIVERED,
    FAILED_ATTEMPT_THEN_DELIVERED,
    ADDRESS_EXCEPTION,
    AVAILABLE_FOR_PICKUP,
    HELD_IN_CUSTOMS,
    RETURNED_TO_SENDER,
    /** Scans stop mid-transit and never resume: the stall detector's case. */
    LOST,
    /** The carrier reports a delay and moves its estimate later; delivered after the promised date. */
    LATE,
    /** A weather delay scan with a new, later date. */
    LATE_WEATHER,
    /** The carrier's estimate slips twice, with no delay scan. */
    ESTIMATE_SLIPS_TWICE,
    /** The carrier's estimate moves earlier; delivered early. */
    ESTIMATE_EARLIER,
    /** Two failed attempts (nobody home, then no access), then held for pickup. */
    TWO_ATTEMPTS_THEN_HELD,
    /** Reported damaged in transit. */
    DAMAGED,
    /** Refused by the recipient, then returned to the sender. */
    REFUSED,
    /** Held in customs, released, delivered. */
    CUSTOMS_HELD_THEN_RELEASED,
    /** Delivered on a Saturday. */
    WEEKEND_DELIVERY,
    /** FedEx: one number, two shipments (an old delivered one and the live one). */
    MULTI_RESULT,
    /** The carrier never heard of the number. */
    NOT_FOUND;

    /** "failed-attempt-then-delivered" */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
