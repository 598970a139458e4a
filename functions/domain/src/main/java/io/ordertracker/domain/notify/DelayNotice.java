package io.ordertracker.domain.notify;

import io.ordertracker.domain.ExceptionReason;
import java.time.LocalDate;

/**
 * What a DELAYED message tells the shopper: the date they had been given, the new one when known, and why.
 *
 * @param previousDate the date the shopper was last told (promised date or an earlier estimate); null if never told
 * @param newDate      the carrier's (or the lane baseline's) new date; null when nobody knows yet
 * @param reason       a delay reason ({@link ExceptionReason#isDelay()}) when the carrier gave one, else NONE
 * @param basis        which rule found the delay
 */
public record DelayNotice(LocalDate previousDate, LocalDate newDate, ExceptionReason reason, Basis basis) {

    public enum Basis {
        /** Today is past the promised date or the first estimate the shopper was told. */
        PAST_DUE,
        /** The carrier moved its estimate later than the date the shopper was last told. */
        ESTIMATE_MOVED,
        /** The carrier reported a delay (weather, volume, customs clearance, ...). */
        CARRIER_REPORTED,
        /** The parcel runs behind its lane's usual transit time (past the lane's p90) before the carrier says so. */
        BEHIND_LANE
    }

    public DelayNotice {
        reason = reason == null ? ExceptionReason.NONE : reason;
    }
}
