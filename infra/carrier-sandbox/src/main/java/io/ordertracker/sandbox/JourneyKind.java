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
    /** Delivered after the promised date. */
    LATE,
    /** FedEx: one number, two shipments (an old delivered one and the live one). */
    MULTI_RESULT,
    /** The carrier never heard of the number. */
    NOT_FOUND;

    /** "failed-attempt-then-delivered" */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
