package io.ordertracker.carriers;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;

/**
 * What kind of thing a carrier code says, written as its own column in every code table (docs/carriers.md). The
 * class fixes which statuses and reasons a row may carry ({@link #agrees}); {@code CarrierTaxonomyTest} holds every
 * row to it.
 */
public enum CodeClass {
    /** The carrier has the label data: INFO_RECEIVED. */
    INFO,
    /** Moving: IN_TRANSIT or OUT_FOR_DELIVERY. */
    MOVEMENT,
    /** Waiting at a pickup point: AVAILABLE_FOR_PICKUP. */
    PICKUP,
    DELIVERED,
    /** A failed delivery attempt: DELIVERY_ATTEMPTED with an attempt reason. */
    ATTEMPT,
    /** Running late: no status of its own (the status in force stays), a delay reason. */
    DELAY,
    /** Somebody has to act: EXCEPTION (FAILED when final) with an exception reason. */
    EXCEPTION,
    /** On its way back or back: RETURNING_TO_SENDER, RETURNED_TO_SENDER. */
    RETURN,
    CANCELLED,
    /** A request, a note, a photo: no status and no reason of its own. */
    NOTICE,
    /** The carrier itself has no status. */
    UNKNOWN;

    /** The class a status and reason imply ({@code status == null}: the row has no status of its own). */
    public static CodeClass of(ShipmentStatus status, ExceptionReason reason) {
        if (status == null) {
            return reason != null && reason.isDelay() ? DELAY : NOTICE;
        }
        return switch (status) {
            case INFO_RECEIVED -> INFO;
            case IN_TRANSIT, OUT_FOR_DELIVERY -> MOVEMENT;
            case AVAILABLE_FOR_PICKUP -> PICKUP;
            case DELIVERED -> DELIVERED;
            case DELIVERY_ATTEMPTED -> ATTEMPT;
            case EXCEPTION, FAILED -> EXCEPTION;
            case RETURNING_TO_SENDER, RETURNED_TO_SENDER -> RETURN;
            case CANCELLED -> CANCELLED;
            case PENDING, EXPIRED, UNKNOWN -> UNKNOWN;
        };
    }

    /** Whether a row of this class may carry that status and reason. */
    public boolean agrees(ShipmentStatus status, ExceptionReason reason) {
        boolean exceptionReason = reason != ExceptionReason.NONE && !reason.isAttempt() && !reason.isDelay();
        return switch (this) {
            case INFO -> status == ShipmentStatus.INFO_RECEIVED && reason == ExceptionReason.NONE;
            case MOVEMENT -> (status == ShipmentStatus.IN_TRANSIT || status == ShipmentStatus.OUT_FOR_DELIVERY)
                    && reason == ExceptionReason.NONE;
            case PICKUP -> status == ShipmentStatus.AVAILABLE_FOR_PICKUP && reason == ExceptionReason.NONE;
            case DELIVERED -> status == ShipmentStatus.DELIVERED && reason == ExceptionReason.NONE;
            case ATTEMPT -> status == ShipmentStatus.DELIVERY_ATTEMPTED && reason.isAttempt();
            case DELAY -> status == null && reason.isDelay();
            case EXCEPTION -> (status == ShipmentStatus.EXCEPTION || status == ShipmentStatus.FAILED)
                    && exceptionReason;
            case RETURN -> (status == ShipmentStatus.RETURNING_TO_SENDER || status == ShipmentStatus.RETURNED_TO_SENDER)
                    && exceptionReason;
            case CANCELLED -> status == ShipmentStatus.CANCELLED && reason == ExceptionReason.NONE;
            case NOTICE -> status == null && reason == ExceptionReason.NONE;
            case UNKNOWN -> status == ShipmentStatus.UNKNOWN && reason == ExceptionReason.NONE;
        };
    }
}
