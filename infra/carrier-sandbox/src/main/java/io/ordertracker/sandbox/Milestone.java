package io.ordertracker.sandbox;

/**
 * What happens at a step of a journey, independent of carrier. Each carrier's API class renders a milestone in that
 * carrier's own codes and words, codes from the carrier's documented tables (docs/carriers.md says what each reads
 * as; the comments here say what the adapters must make of it).
 */
public enum Milestone {
    LABEL_CREATED,
    PICKED_UP,
    DEPARTED,
    ARRIVED,
    /** A customs hold that needs somebody to act: EXCEPTION / CUSTOMS_HOLD. */
    CUSTOMS_HELD,
    CUSTOMS_CLEARED,
    /** The carrier running late (late flight, missed connection): a delay scan, status in force, CARRIER_DELAY. */
    DELAYED,
    /** A carrier delay scan for weather: status in force, WEATHER. */
    WEATHER_DELAY,
    OUT_FOR_DELIVERY,
    /** A failed delivery attempt, nobody there: DELIVERY_ATTEMPTED / RECIPIENT_UNAVAILABLE. */
    ATTEMPT_FAILED,
    /** A failed delivery attempt, no access to the door: DELIVERY_ATTEMPTED / NO_ACCESS. */
    ATTEMPT_NO_ACCESS,
    ADDRESS_PROBLEM,
    /** Damage reported: EXCEPTION / DAMAGED. */
    DAMAGED,
    /** The recipient refused it: EXCEPTION / REFUSED. */
    REFUSED,
    AVAILABLE_FOR_PICKUP,
    /** Held at a carrier location for the recipient to collect after failed attempts: AVAILABLE_FOR_PICKUP. */
    HELD_FOR_PICKUP,
    RETURNING,
    RETURNED,
    DELIVERED
}
