package io.ordertracker.domain.orders;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.OrderItem;
import java.time.LocalDate;
import java.util.List;

/** A validated order request, in domain terms. */
public record NewOrder(String orderNumber, Customer customer, List<OrderItem> items,
                       LocalDate promisedDeliveryDate, List<NewShipment> shipments) {

    public NewOrder {
        items = List.copyOf(items);
        shipments = List.copyOf(shipments);
    }

    public record NewShipment(Carrier carrier, String trackingNumber) {
    }
}
