package io.ordertracker.domain;

/**
 * What the forward-only state machine decided for one incoming event.
 *
 * @param outcome   whether the shipment's status changes
 * @param newStatus the status the shipment has after the event (unchanged unless {@link Outcome#ADVANCE})
 */
public record StatusDecision(Outcome outcome, ShipmentStatus newStatus) {

    public enum Outcome {
        /** The status changes to {@link #newStatus()}. */
        ADVANCE,
        /** Same status as now; the event is newer, so the last-scan time moves. */
        SAME,
        /** The event is older than what we have: store it, change nothing. */
        STALE,
        /** The shipment is already terminal. */
        TERMINAL,
        /** The event would move the parcel back (e.g. "label created" after a pickup scan). */
        REGRESSION,
        /** The carrier said something we cannot map; keep the known status. */
        UNMAPPED
    }

    public boolean changesStatus() {
        return outcome == Outcome.ADVANCE;
    }

    /** Whether the event is the newest we know (the shipment's last-event time should move to it). */
    public boolean isLatest() {
        return outcome == Outcome.ADVANCE || outcome == Outcome.SAME || outcome == Outcome.UNMAPPED
                || outcome == Outcome.REGRESSION;
    }
}
