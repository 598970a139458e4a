package io.ordertracker.domain.lanes;

import java.time.LocalDate;

/**
 * What the lane baseline (transit times learned per carrier, service and lane) expects of one shipment.
 *
 * @param expectedBy        the date the parcel should arrive by (lane median from the pickup date); null if unknown
 * @param likelyLateAfter   past this date (lane p90) the parcel is "likely late" even if the carrier says nothing
 * @param stallBusinessDays silence (business days without a scan) that counts as stalled on this lane
 * @param source            where the figures come from
 */
public record LaneExpectation(LocalDate expectedBy, LocalDate likelyLateAfter, int stallBusinessDays, Source source) {

    public enum Source {
        /** Learned from this merchant's delivered shipments on the same carrier, service and lane. */
        LANE_HISTORY,
        /** The seeded default for the carrier and service (not enough history yet). */
        CARRIER_DEFAULT
    }
}
