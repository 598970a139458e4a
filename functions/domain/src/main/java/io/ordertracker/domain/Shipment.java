package io.ordertracker.domain;

import io.ordertracker.domain.lanes.Route;
import java.time.Instant;

/**
 * One parcel of an order, and what we know of it.
 *
 * @param trackingToken the unguessable token of the shopper's tracking page
 * @param lastEventAt   carrier time of the newest event that set the status
 * @param lastScanAt    carrier time of the newest event of any kind (for stall detection)
 * @param nextPollAt    when the planner should ask the carrier next; null when polling has ended
 * @param active        false once the merchant stopped tracking it (or it is terminal)
 * @param route         the carrier's service and the parcel's origin and destination regions, once the carrier
 *                      said; null before (the lane baselines learn and look up transit times by it)
 * @param pickedUpAt    carrier time of the first scan of the parcel moving (its pickup or first hub scan); null
 *                      until then. Transit times are counted from it
 */
public record Shipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                       String trackingNumber, String trackingToken, ShipmentStatus status, ExceptionReason reason,
                       EstimatedDelivery estimatedDelivery, boolean delayed, boolean stalled,
                       Instant lastEventAt, Instant lastScanAt, Instant nextPollAt, boolean active,
                       Instant createdAt, Instant updatedAt, long version, Route route, Instant pickedUpAt) {

    public Shipment {
        reason = reason == null ? ExceptionReason.NONE : reason;
    }

    /** Without route and pickup (what is known before the carrier has said anything about them). */
    public Shipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                    String trackingNumber, String trackingToken, ShipmentStatus status, ExceptionReason reason,
                    EstimatedDelivery estimatedDelivery, boolean delayed, boolean stalled,
                    Instant lastEventAt, Instant lastScanAt, Instant nextPollAt, boolean active,
                    Instant createdAt, Instant updatedAt, long version) {
        this(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken, status, reason,
                estimatedDelivery, delayed, stalled, lastEventAt, lastScanAt, nextPollAt, active, createdAt, updatedAt,
                version, null, null);
    }

    public static Shipment newShipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                                       String trackingNumber, String trackingToken, Instant now) {
        return new Shipment(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken,
                ShipmentStatus.PENDING, ExceptionReason.NONE, null, false, false, null, null, now, true, now, now, 0);
    }

    /** The same shipment with the route and pickup time the carrier reported. */
    public Shipment withRoute(Route newRoute, Instant newPickedUpAt) {
        return new Shipment(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken, status,
                reason, estimatedDelivery, delayed, stalled, lastEventAt, lastScanAt, nextPollAt, active, createdAt,
                updatedAt, version, newRoute, newPickedUpAt);
    }
}
