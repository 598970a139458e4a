package io.ordertracker.domain.orders;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.notify.MilestoneRules;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import java.time.Instant;
import java.util.List;

/**
 * What a merchant asks of its order list. Every filter is optional; an order matches when it passes all the given
 * ones. Shipment filters match when any of the order's parcels does.
 *
 * @param after where the previous page ended (newest first), or null for the first page
 */
public record OrderListQuery(ShipmentStatus status, Boolean hasException, Boolean delayed, Carrier carrier,
                             Instant createdSince, Instant updatedSince, int limit, OrderListPosition after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public boolean filtersShipments() {
        return status != null || hasException != null || delayed != null || carrier != null || updatedSince != null;
    }

    public boolean matches(Order order, List<Shipment> shipments) {
        if (status != null && shipments.stream().noneMatch(s -> s.status() == status)) {
            return false;
        }
        if (hasException != null && hasException != shipments.stream().anyMatch(OrderListQuery::hasException)) {
            return false;
        }
        if (delayed != null && delayed != shipments.stream().anyMatch(Shipment::delayed)) {
            return false;
        }
        if (carrier != null && shipments.stream().noneMatch(s -> s.carrier() == carrier)) {
            return false;
        }
        return updatedSince == null || !lastChange(order, shipments).isBefore(updatedSince);
    }

    /** A parcel with a problem the shopper would hear about: an exception status or an exception reason. */
    static boolean hasException(Shipment s) {
        return MilestoneRules.isExceptionStatus(s.status()) || s.reason() != io.ordertracker.domain.ExceptionReason.NONE;
    }

    /** The newest of the order's own edits and its parcels' writes. */
    static Instant lastChange(Order order, List<Shipment> shipments) {
        Instant last = order.updatedAt() != null ? order.updatedAt() : order.createdAt();
        for (Shipment s : shipments) {
            if (s.updatedAt() != null && s.updatedAt().isAfter(last)) {
                last = s.updatedAt();
            }
        }
        return last;
    }
}
