package io.ordertracker.domain;

import java.time.Instant;

/**
 * One parcel of an order, and what we know of it.
 *
 * @param trackingToken the unguessable token of the shopper's tracking page
 * @param lastEventAt   carrier time of the newest event that set the status
 * @param lastScanAt    carrier time of the newest event of any kind (for stall detection)
 * @param nextPollAt    when the planner should ask the carrier next; null when polling has ended
 * @param active        false once the merchant stopped tracking it (or it is terminal)
 */
public record Shipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                       String trackingNumber, String trackingToken, ShipmentStatus status, ExceptionReason reason,
                       EstimatedDelivery estimatedDelivery, boolean delayed, boolean stalled,
                       Instant lastEventAt, Instant lastScanAt, Instant nextPollAt, boolean active,
                       Instant createdAt, Instant updatedAt, long version) {

    public Shipment {
        reason = reason == null ? ExceptionReason.NONE : reason;
    }

    public static Shipment newShipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                                       String trackingNumber, String trackingToken, Instant now) {
        return new Shipment(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken,
                ShipmentStatus.PENDING, ExceptionReason.NONE, null, false, false, null, null, now, true, now, now, 0);
    }
}
