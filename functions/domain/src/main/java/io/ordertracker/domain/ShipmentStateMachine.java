package io.ordertracker.domain;

import io.ordertracker.domain.StatusDecision.Outcome;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The forward-only status rules, as a pure function.
 *
 * <p>Events are ordered by the time the carrier scanned them, not by when we heard about them, so a late
 * older scan is stored but never moves the status. A terminal status never changes. Within the live statuses a
 * parcel may cycle (out for delivery, attempt failed, back in transit, out again), but it never goes back to
 * "label created" once it moved, and a parcel on its way back to the sender stays on that path.
 */
public final class ShipmentStateMachine {

    private static final Set<ShipmentStatus> RETURN_PATH = EnumSet.of(
            ShipmentStatus.RETURNED_TO_SENDER, ShipmentStatus.FAILED, ShipmentStatus.CANCELLED, ShipmentStatus.EXPIRED);

    private ShipmentStateMachine() {
    }

    /**
     * @param current          the shipment's status now
     * @param currentEventTime the time of the newest event that set it, or null if none yet
     * @param incoming         the status the incoming event maps to
     * @param incomingTime     when the carrier scanned the incoming event (null: treated as "now", newest)
     */
    public static StatusDecision decide(ShipmentStatus current, Instant currentEventTime,
                                        ShipmentStatus incoming, Instant incomingTime) {
        if (current.isTerminal()) {
            return new StatusDecision(Outcome.TERMINAL, current);
        }
        if (currentEventTime != null && incomingTime != null && incomingTime.isBefore(currentEventTime)) {
            return new StatusDecision(Outcome.STALE, current);
        }
        if (incoming == current) {
            return new StatusDecision(Outcome.SAME, current);
        }
        if (incoming == ShipmentStatus.UNKNOWN) {
            return current == ShipmentStatus.PENDING
                    ? new StatusDecision(Outcome.ADVANCE, ShipmentStatus.UNKNOWN)
                    : new StatusDecision(Outcome.UNMAPPED, current);
        }
        if (incoming == ShipmentStatus.PENDING) {
            return new StatusDecision(Outcome.REGRESSION, current);
        }
        if (incoming == ShipmentStatus.INFO_RECEIVED && current.isMoving()) {
            return new StatusDecision(Outcome.REGRESSION, current);
        }
        if (current == ShipmentStatus.RETURNING_TO_SENDER) {
            // A "delivered" scan on the way back is the delivery to the sender.
            if (incoming == ShipmentStatus.DELIVERED) {
                return new StatusDecision(Outcome.ADVANCE, ShipmentStatus.RETURNED_TO_SENDER);
            }
            return RETURN_PATH.contains(incoming)
                    ? new StatusDecision(Outcome.ADVANCE, incoming)
                    : new StatusDecision(Outcome.REGRESSION, current);
        }
        return new StatusDecision(Outcome.ADVANCE, incoming);
    }
}
