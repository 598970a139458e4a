package io.ordertracker.domain.notify;

import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;

/** One change of the tracking table (a stream record), as the change detector needs it. */
public sealed interface TableChange {

    /** A new order (later edits of an order are not news to the shopper). */
    record OrderCreated(Order order) implements TableChange {
    }

    /** A shipment was written. @param before null when it was just created */
    record ShipmentChanged(Shipment before, Shipment after) implements TableChange {
    }

    /** Anything else: order edits, deletions, items of other kinds. */
    record Ignored() implements TableChange {
    }
}
