package io.ordertracker.sandbox;

/**
 * What happens at a step of a journey, independent of carrier. Each carrier's API class renders a milestone in that
 * carrier's own codes and words.
 */
public enum Milestone {
    LABEL_CREATED,
    PICKED_UP,
    DEPARTED,
    ARRIVED,
    CUSTOMS_HELD,
    CUSTOMS_CLEARED,
    DELAYED,
    OUT_FOR_DELIVERY,
    ATTEMPT_FAILED,
    ADDRESS_PROBLEM,
    AVAILABLE_FOR_PICKUP,
    RETURNING,
    RETURNED,
    DELIVERED
}
