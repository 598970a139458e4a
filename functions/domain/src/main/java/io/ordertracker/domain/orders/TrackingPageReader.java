package io.ordertracker.domain.orders;

import io.ordertracker.domain.Order;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.orders.OrderService.ShipmentView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The shopper tracking page's read path. The only way in is the token: nothing here takes a merchant id or an order
 * number from the caller, and data past its retention counts as gone.
 */
@FunctionalInterface
public interface TrackingPageReader {

    /**
     * What one tracking page shows.
     *
     * @param shipmentId the shipment the token belongs to (the page lists it first)
     * @param merchant   the merchant, or empty if its item is missing (the page then falls back to plain branding)
     * @param shipments  every shipment of the order, the token's one included, each with its newest events first
     */
    record TrackingPageData(String shipmentId, Optional<Merchant> merchant, Order order, List<ShipmentView> shipments) {
    }

    /** Empty for a malformed, unknown or expired token. */
    Optional<TrackingPageData> read(String token, Instant now);
}
