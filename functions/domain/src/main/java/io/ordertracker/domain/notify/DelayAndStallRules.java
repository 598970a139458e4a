package io.ordertracker.domain.notify;

import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.lanes.LaneExpectation;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a parcel is late or silent (the hourly stall detector asks; docs/design.md, "Delayed and stalled"):
 * <ul>
 *   <li>delayed: today (in the shopper's zone) is past the promised date or past the carrier's estimate;</li>
 *   <li>stalled: a moving parcel has had no scan for {@code stallBusinessDays} business days, or a label was
 *       created (or nothing heard at all) and never picked up within {@code pickupBusinessDays}.</li>
 * </ul>
 * Both flags clear by themselves when the facts change (a new scan, a new estimate): the next episode then
 * gets its own message.
 */
public final class DelayAndStallRules {
    private DelayAndStallRules() {
    }

    public record Flags(boolean delayed, boolean stalled) {
    }

    public static Flags evaluate(Shipment s, LocalDate promisedDate, Instant now, ZoneId zone,
                                 int stallBusinessDays, int pickupBusinessDays) {
        return evaluate(s, promisedDate, now, zone, stallBusinessDays, pickupBusinessDays, null);
    }

    /**
     * @param lane what the parcel's lane baseline expects, or null: past its {@code likelyLateAfter} (the lane's p90)
     *             the parcel is delayed before the carrier says so ("behind lane baseline"), and its
     *             {@code stallBusinessDays} replaces {@code stallBusinessDays} for a moving parcel
     */
    public static Flags evaluate(Shipment s, LocalDate promisedDate, Instant now, ZoneId zone,
                                 int stallBusinessDays, int pickupBusinessDays, LaneExpectation lane) {
        if (s.status().isTerminal() || !s.active()) {
            return new Flags(false, false);
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate eta = s.estimatedDelivery() == null ? null : s.estimatedDelivery().date();
        boolean delayed = (promisedDate != null && today.isAfter(promisedDate)) || (eta != null && today.isAfter(eta))
                || (lane != null && lane.likelyLateAfter() != null && today.isAfter(lane.likelyLateAfter()));
        if (lane != null && lane.stallBusinessDays() > 0) {
            stallBusinessDays = lane.stallBusinessDays();
        }

        boolean moving = s.status().isMoving() && s.status() != ShipmentStatus.UNKNOWN;
        Instant since = s.lastScanAt() != null ? s.lastScanAt() : s.createdAt();
        boolean stalled = false;
        if (since != null) {
            int silentDays = businessDaysBetween(since.atZone(zone).toLocalDate(), today);
            stalled = moving ? silentDays >= stallBusinessDays : silentDays >= pickupBusinessDays;
        }
        return new Flags(delayed, stalled);
    }

    /** Whole business days (Monday to Friday) after {@code from} up to and including {@code to}. */
    public static int businessDaysBetween(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days++;
            }
        }
        return days;
    }
}
