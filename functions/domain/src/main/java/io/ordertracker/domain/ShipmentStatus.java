package io.ordertracker.domain;

/**
 * The canonical shipment status every carrier's codes are mapped to.
 *
 * <p>{@code delayed} and {@code stalled} are deliberately not statuses: they are flags beside the status
 * (a parcel can be out for delivery and late at the same time).
 */
public enum ShipmentStatus {
    /** Known to us, nothing heard from the carrier yet. */
    PENDING(false),
    /** The carrier has the label data (label created, manifest) but no physical scan yet. */
    INFO_RECEIVED(false),
    IN_TRANSIT(false),
    OUT_FOR_DELIVERY(false),
    AVAILABLE_FOR_PICKUP(false),
    DELIVERY_ATTEMPTED(false),
    EXCEPTION(false),
    RETURNING_TO_SENDER(false),
    RETURNED_TO_SENDER(true),
    DELIVERED(true),
    /** Lost, disposed or undeliverable. */
    FAILED(true),
    CANCELLED(true),
    /** We stopped tracking: no scan for longer than the configured expiry. */
    EXPIRED(true),
    /** The carrier said something we cannot map; the raw code is kept on the event. */
    UNKNOWN(false);

    private final boolean terminal;

    ShipmentStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** Terminal statuses end polling and never change again. */
    public boolean isTerminal() {
        return terminal;
    }

    /** True once the carrier has physically handled the parcel (a scan beyond label creation). */
    public boolean isMoving() {
        return switch (this) {
            case PENDING, INFO_RECEIVED, UNKNOWN -> false;
            default -> true;
        };
    }
}
