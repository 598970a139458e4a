package io.ordertracker.carriers;

import io.ordertracker.domain.Carrier;

import java.util.List;

/** Tracks numbers at one carrier. */
public interface TrackingClient {

    Carrier carrier();

    /** How many numbers the carrier takes in one request (callers may pass more; the client splits them). */
    int maxBatchSize();

    /**
     * One result per requested number, in request order. Never throws for per-number outcomes; a carrier-wide outage
     * yields a {@link CarrierTrackingResult.Failure} of kind UNAVAILABLE (or RATE_LIMITED) for each number.
     */
    List<CarrierTrackingResult> track(List<String> trackingNumbers);
}
