package io.ordertracker.domain;

import io.ordertracker.domain.notify.DelayState;
import java.time.Instant;

/**
 * One parcel of an order, and what we know of it.
 *
 * @param trackingToken the unguessable token of the shopper's tracking page
 * @param lastEventAt   carrier time of the newest event that set the status
 * @param lastScanAt    carrier time of the newest event of any kind (for stall detection)
 * @param nextPollAt    when the planner should ask the carrier next; null when polling has ended
 * @param active        false once the merchant stopped tracking it (or it is terminal)
 * @param delay         the dates the shopper was given and the current delay episode ({@link DelayState#NONE} when
 *                      nothing is known yet)
 */
public record Shipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                       String trackingNumber, String trackingToken, ShipmentStatus status, ExceptionReason reason,
                       EstimatedDelivery estimatedDelivery, boolean delayed, boolean stalled,
                       Instant lastEventAt, Instant lastScanAt, Instant nextPollAt, boolean active,
                       Instant createdAt, Instant updatedAt, long version, DelayState delay) {

    public Shipment {
        reason = reason == null ? ExceptionReason.NONE : reason;
        delay = DelayState.orNone(delay);
    }

    /** A shipment with no delay history yet. */
    public Shipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                    String trackingNumber, String trackingToken, ShipmentStatus status, ExceptionReason reason,
                    EstimatedDelivery estimatedDelivery, boolean delayed, boolean stalled,
                    Instant lastEventAt, Instant lastScanAt, Instant nextPollAt, boolean active,
                    Instant createdAt, Instant updatedAt, long version) {
        this(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken, status, reason,
                estimatedDelivery, delayed, stalled, lastEventAt, lastScanAt, nextPollAt, active, createdAt, updatedAt,
                version, DelayState.NONE);
    }

    /** The same shipment with the delay verdict and what the shopper was told. */
    public Shipment withDelay(boolean isDelayed, DelayState state) {
        return new Shipment(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken, status, reason,
                estimatedDelivery, isDelayed, stalled, lastEventAt, lastScanAt, nextPollAt, active, createdAt, updatedAt,
                version, state);
    }

    public static Shipment newShipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                                       String trackingNumber, String trackingToken, Instant now) {
        return new Shipment(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken,
                ShipmentStatus.PENDING, ExceptionReason.NONE, null, false, false, null, null, now, true, now, now, 0);
    }
}
