package io.ordertracker.domain.orders;

import java.time.Instant;

/** One order's place in a merchant's newest-first list: a page continues after it. */
public record OrderListPosition(Instant createdAt, String orderNumber) {
}
