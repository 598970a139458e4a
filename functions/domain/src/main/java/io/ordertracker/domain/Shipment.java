package io.ordertracker.domain;

import io.ordertracker.domain.lanes.Route;
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
 * @param route         the carrier's service and the parcel's origin and destination regions, once the carrier
 *                      said; null before (the lane baselines learn and look up transit times by it)
 * @param pickedUpAt    carrier time of the first scan of the parcel moving (its pickup or first hub scan); null
 *                      until then. Transit times are counted from it
 */
public record Shipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                       String trackingNumber, String trackingToken, ShipmentStatus status, ExceptionReason reason,
                       EstimatedDelivery estimatedDelivery, boolean delayed, boolean stalled,
                       Instant lastEventAt, Instant lastScanAt, Instant nextPollAt, boolean active,
                       Instant createdAt, Instant updatedAt, long version, DelayState delay, Route route,
                       Instant pickedUpAt) {

    public Shipment {
        reason = reason == null ? ExceptionReason.NONE : reason;
        delay = DelayState.orNone(delay);
    }

    /**
     * A shipment with nothing learned yet beyond its status: no delay history, no route, no pickup time. For new
     * shipments and tests; code that changes an existing shipment copies it with the {@code with...} methods so
     * nothing it knew is dropped.
     */
    public Shipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                    String trackingNumber, String trackingToken, ShipmentStatus status, ExceptionReason reason,
                    EstimatedDelivery estimatedDelivery, boolean delayed, boolean stalled,
                    Instant lastEventAt, Instant lastScanAt, Instant nextPollAt, boolean active,
                    Instant createdAt, Instant updatedAt, long version) {
        this(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken, status, reason,
                estimatedDelivery, delayed, stalled, lastEventAt, lastScanAt, nextPollAt, active, createdAt, updatedAt,
                version, DelayState.NONE, null, null);
    }

    public static Shipment newShipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                                       String trackingNumber, String trackingToken, Instant now) {
        return new Shipment(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken,
                ShipmentStatus.PENDING, ExceptionReason.NONE, null, false, false, null, null, now, true, now, now, 0);
    }

    /** The same shipment with the delay verdict and what the shopper was told. */
    public Shipment withDelay(boolean isDelayed, DelayState state) {
        return new Shipment(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken, status, reason,
                estimatedDelivery, isDelayed, stalled, lastEventAt, lastScanAt, nextPollAt, active, createdAt, updatedAt,
                version, state, route, pickedUpAt);
    }

    /** The same shipment with the route and pickup time the carrier reported. */
    public Shipment withRoute(Route newRoute, Instant newPickedUpAt) {
        return new Shipment(merchantId, orderNumber, shipmentId, carrier, trackingNumber, trackingToken, status,
                reason, estimatedDelivery, delayed, stalled, lastEventAt, lastScanAt, nextPollAt, active, createdAt,
                updatedAt, version, delay, newRoute, newPickedUpAt);
    }
}
