package io.ordertracker.domain.orders;

import io.ordertracker.domain.notify.NotificationLedger;
import java.time.Clock;
import java.util.Optional;

/**
 * Erasing one order on request (the merchant's API, or ops through {@code ./tracker erase}): the order, its
 * shipments and their tracking pages, their events, and, in the notification ledger, everything that could name the
 * order or the shopper. The ledger is scrubbed rather than deleted: a job still queued for this order must keep
 * finding its message told (and the sender drops it anyway once the order is gone).
 */
public final class OrderErasure {
    private final OrderStore orders;
    private final NotificationLedger ledger;
    private final Clock clock;

    public OrderErasure(OrderStore orders, NotificationLedger ledger, Clock clock) {
        this.orders = orders;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What was erased; counts for the operator. */
    public record Erased(int shipments, int events, int ledgerEntriesScrubbed) {
    }

    /** Empty when the merchant has no such order (again: a second erasure of the same order finds nothing). */
    public Optional<Erased> erase(String merchantId, String orderNumber) {
        if (orders.findOrder(merchantId, orderNumber).isEmpty()) {
            return Optional.empty();
        }
        // The ledger first: the order item goes last of all, so a failure anywhere leaves it for the retry to find.
        int scrubbed = ledger.scrubOrder(merchantId, orderNumber, clock.instant());
        return orders.erase(merchantId, orderNumber)
                .map(erased -> new Erased(erased.shipments(), erased.events(), scrubbed));
    }
}
