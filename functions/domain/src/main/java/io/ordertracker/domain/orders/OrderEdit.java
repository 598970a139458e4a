package io.ordertracker.domain.orders;

import io.ordertracker.domain.Customer;
import io.ordertracker.domain.OrderItem;
import java.time.LocalDate;
import java.util.List;

/** The parts of an order a merchant may change after creating it (PATCH), as they will be stored. */
public record OrderEdit(Customer customer, List<OrderItem> items, LocalDate promisedDeliveryDate) {
    public OrderEdit {
        items = List.copyOf(items);
    }
}
