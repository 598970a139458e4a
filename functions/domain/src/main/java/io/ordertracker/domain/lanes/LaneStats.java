package io.ordertracker.domain.lanes;

import java.util.Optional;

/** The port lane aggregates persist through (functions/storage implements it on the table; no scans). */
public interface LaneStats {

    /** The lane's histogram, or empty when nothing was delivered on it yet. */
    Optional<TransitHistogram> histogram(Lane lane);

    /**
     * Counts one delivered parcel's transit on its lane, at most once per shipment however often it is asked
     * (stream records are redelivered).
     *
     * @return true when counted now, false when this shipment had been counted before
     */
    boolean recordDelivery(Lane lane, String shipmentId, int transitDays);
}
