package io.ordertracker.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A merchant's order as accepted by the API.
 *
 * @param requestHash SHA-256 of the canonical request that created it, so a replay with a different body is refused;
 *                    edits keep it, so replaying the original create still answers the (edited) order
 * @param updatedAt   when the merchant last edited or cancelled it (null: never)
 * @param cancelledAt when the merchant cancelled it (null: not cancelled); no message is sent after that
 * @param version     bumped by every edit; edits are conditional on the version they read
 */
public record Order(String merchantId, String orderNumber, Customer customer, List<OrderItem> items,
                    LocalDate promisedDeliveryDate, Instant createdAt, String requestHash,
                    Instant updatedAt, Instant cancelledAt, long version) {

    public Order {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A new order, never edited. */
    public Order(String merchantId, String orderNumber, Customer customer, List<OrderItem> items,
                 LocalDate promisedDeliveryDate, Instant createdAt, String requestHash) {
        this(merchantId, orderNumber, customer, items, promisedDeliveryDate, createdAt, requestHash, null, null, 0);
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }
}
