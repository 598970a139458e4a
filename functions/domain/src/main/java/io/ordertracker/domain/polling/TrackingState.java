package io.ordertracker.domain.polling;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.Shipment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * A shipment as the polling pipeline sees it: the shipment itself plus what the cadence and the write path need
 * beside it.
 *
 * @param promisedDate   the order's promised delivery date (the merchant's promise to the shopper), or null
 * @param localOffset    the UTC offset of the parcel's newest scan: where it is, so "08:15" means 08:15 there
 * @param eventIds       ids of the carrier events already stored, so a poll writes only the new ones
 * @param pushSubscribed the carrier pushes updates for it (UPS Track Alert, FedEx webhook): no routine polling
 * @param carrierCalls   how many times a carrier was asked about it (by polling), for cost accounting
 * @param lastPlanId     the planner message that last polled it: a redelivered message finds its own id here and
 *                       neither calls the carrier nor writes again
 * @param shopperZone    the shopper's time zone from the order (where the parcel is delivered), or null
 */
public record TrackingState(Shipment shipment, LocalDate promisedDate, ZoneOffset localOffset, Set<String> eventIds,
                            boolean pushSubscribed, long carrierCalls, String lastPlanId, ZoneId shopperZone) {

    public TrackingState(Shipment shipment, LocalDate promisedDate, ZoneOffset localOffset, Set<String> eventIds,
                         boolean pushSubscribed, long carrierCalls) {
        this(shipment, promisedDate, localOffset, eventIds, pushSubscribed, carrierCalls, null, null);
    }

    public TrackingState(Shipment shipment, LocalDate promisedDate, ZoneOffset localOffset, Set<String> eventIds,
                         boolean pushSubscribed, long carrierCalls, String lastPlanId) {
        this(shipment, promisedDate, localOffset, eventIds, pushSubscribed, carrierCalls, lastPlanId, null);
    }

    public TrackingState {
        eventIds = eventIds == null ? Set.of() : Set.copyOf(eventIds);
    }

    /** The carrier's estimate if it gave one, else the merchant's promise. */
    public LocalDate expectedDeliveryDate() {
        EstimatedDelivery eta = shipment.estimatedDelivery();
        if (eta != null) {
            if (eta.date() != null) {
                return eta.date();
            }
            if (eta.windowStart() != null) {
                return eta.windowStart().toLocalDate();
            }
        }
        return promisedDate;
    }

    /**
     * Where delivery-day times are reckoned: the shopper's zone (the van leaves from there), else the zone of the
     * parcel's newest scan, else UTC.
     */
    public ZoneId zone() {
        return shopperZone != null ? shopperZone : localOffset != null ? localOffset : ZoneOffset.UTC;
    }

    /** When the shipment expires if nothing new is scanned. */
    public Instant expiresAt(PollingSettings settings) {
        Instant base = shipment.lastScanAt() != null ? shipment.lastScanAt() : shipment.createdAt();
        return base.plus(settings.expireAfterNoScan());
    }

    public TrackingState withShipment(Shipment updated) {
        return new TrackingState(updated, promisedDate, localOffset, eventIds, pushSubscribed, carrierCalls, lastPlanId, shopperZone);
    }

    public TrackingState withPlanId(String planId) {
        return new TrackingState(shipment, promisedDate, localOffset, eventIds, pushSubscribed, carrierCalls, planId, shopperZone);
    }

    public TrackingState withPushSubscribed(boolean push) {
        return new TrackingState(shipment, promisedDate, localOffset, eventIds, push, carrierCalls, lastPlanId, shopperZone);
    }
}
