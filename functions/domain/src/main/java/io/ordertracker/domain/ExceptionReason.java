package io.ordertracker.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Why a shipment is in trouble, late, or was not delivered at the first try. Carried beside the status; NONE when
 * there is nothing to say. Three families (docs/carriers.md lists every carrier code in one of them):
 * <ul>
 *   <li>delivery-attempt reasons: the driver came and could not deliver ({@link #isAttempt()});</li>
 *   <li>delay reasons: the parcel is fine but late, nobody needs to act ({@link #isDelay()});</li>
 *   <li>exception reasons: someone has to act (address, damage, refusal, a hold, a return, a loss).</li>
 * </ul>
 */
public enum ExceptionReason {
    NONE,
    /** Delivery attempted, nobody there to receive it. */
    RECIPIENT_UNAVAILABLE,
    /** Delivery attempted at a business outside its opening hours. */
    BUSINESS_CLOSED,
    /** Delivery attempted, no access to the building, gate or apartment. */
    NO_ACCESS,
    /** Delivery attempted, no safe place to leave the parcel. */
    NO_SAFE_PLACE,
    ADDRESS_ISSUE,
    REFUSED,
    DAMAGED,
    /** Held by customs until someone acts (documents, duties, a licence). */
    CUSTOMS_HOLD,
    /** Customs clearance is taking longer: a delay, nothing for the shopper to do. */
    CUSTOMS_CLEARANCE,
    WEATHER,
    /** The carrier is running behind (missed connection, mis-sort, late flight, missed delivery cycle). */
    CARRIER_DELAY,
    /** Peak-season or unusual volume. */
    HIGH_VOLUME,
    /** A vehicle or equipment breakdown. */
    MECHANICAL,
    /** Natural disaster, civil unrest or another emergency beyond the carrier's control. */
    NATURAL_DISASTER,
    /** Held at a carrier facility (on request, for pickup arrangement, security). */
    HELD,
    PAYMENT_DUE,
    RETURNING,
    RETURNED,
    LOST,
    /** The carrier never knew the tracking number after the grace period. */
    NOT_FOUND,
    OTHER;

    private static final Set<ExceptionReason> ATTEMPT =
            EnumSet.of(RECIPIENT_UNAVAILABLE, BUSINESS_CLOSED, NO_ACCESS, NO_SAFE_PLACE);
    private static final Set<ExceptionReason> DELAY =
            EnumSet.of(WEATHER, CARRIER_DELAY, HIGH_VOLUME, MECHANICAL, CUSTOMS_CLEARANCE, NATURAL_DISASTER);

    /** A reason the driver could not deliver on this attempt; the carrier will try again or hold the parcel. */
    public boolean isAttempt() {
        return ATTEMPT.contains(this);
    }

    /** A reason the parcel is late that needs nobody to act: a DELAYED message, never an EXCEPTION. */
    public boolean isDelay() {
        return DELAY.contains(this);
    }
}
