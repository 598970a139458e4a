package io.ordertracker.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A merchant's order as accepted by the API.
 *
 * @param requestHash SHA-256 of the canonical request that created it, so a replay with a different body is refused
 */
public record Order(String merchantId, String orderNumber, Customer customer, List<OrderItem> items,
                    LocalDate promisedDeliveryDate, Instant createdAt, String requestHash) {

    public Order {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
