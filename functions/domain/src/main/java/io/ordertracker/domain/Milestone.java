package io.ordertracker.domain;

/** The moments a shopper hears about (docs/design.md, "Milestones"). */
public enum Milestone {
    ORDER_CONFIRMED,
    SHIPPED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    AVAILABLE_FOR_PICKUP,
    DELIVERED,
    EXCEPTION,
    DELAYED,
    STALLED
}
