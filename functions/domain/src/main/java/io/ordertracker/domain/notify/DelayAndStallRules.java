package io.ordertracker.domain.notify;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.lanes.LaneExpectation;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;

/**
 * When a parcel is late or silent (docs/design.md, "Delayed and stalled"). Delay is judged as the shopper
 * understands it, against the dates the shopper was given ({@link DelayState}):
 * <ol type="a">
 *   <li>today (in the shopper's zone) is past the promised date, the first estimate, the date last told or the
 *       carrier's current estimate;</li>
 *   <li>the carrier's estimate is later than the date the shopper was last told (the promised date until the
 *       carrier gave one), or later than the first date the shopper held;</li>
 *   <li>the carrier reports a delay: the shipment's reason is a delay reason ({@link ExceptionReason#isDelay()});</li>
 *   <li>the parcel runs behind its lane: today is past the lane baseline's {@code likelyLateAfter}.</li>
 * </ol>
 * (b) and (c) change only with a carrier answer, so the tracking worker decides them as it writes the observation;
 * (a) and (d) change with time, so the hourly stall detector decides them too. Both call {@link #delay}.
 *
 * <p>Episodes: an estimate later than the date last told starts a new episode named after the new date (and that
 * date becomes the date told); the date told being missed starts {@code after-<date>}; otherwise a delay keeps the
 * episode it has. An earlier estimate (good news) is shown on the page and in later messages but starts nothing and
 * does not lower the date told. Each episode is told once (the ledger key carries it).
 *
 * <p>stalled: a moving parcel has had no scan for {@code stallBusinessDays} business days (the lane's figure when a
 * baseline is known), or a label was created (or nothing heard at all) and never picked up within
 * {@code pickupBusinessDays}. Both flags clear by themselves when the facts change; clearing sends nothing.
 */
public final class DelayAndStallRules {
    private DelayAndStallRules() {
    }

    /** @param delay the dates told and the delay episode, to be stored beside the flags */
    public record Flags(boolean delayed, boolean stalled, DelayState delay) {
        public Flags(boolean delayed, boolean stalled) {
            this(delayed, stalled, DelayState.NONE);
        }
    }

    /** @param state what to store: the dates told, the episode and its notice */
    public record DelayVerdict(boolean delayed, DelayState state) {
    }

    public static Flags evaluate(Shipment s, LocalDate promisedDate, Instant now, ZoneId zone,
                                 int stallBusinessDays, int pickupBusinessDays) {
        return evaluate(s, promisedDate, now, zone, stallBusinessDays, pickupBusinessDays, null);
    }

    /** @param lane the lane baseline's expectation of this shipment, or null when there is none */
    public static Flags evaluate(Shipment s, LocalDate promisedDate, Instant now, ZoneId zone,
                                 int stallBusinessDays, int pickupBusinessDays, LaneExpectation lane) {
        if (s.status().isTerminal() || !s.active()) {
            return new Flags(false, false, s.delay());
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        DelayVerdict delay = delay(s, promisedDate, today, lane);

        boolean moving = s.status().isMoving() && s.status() != ShipmentStatus.UNKNOWN;
        Instant since = s.lastScanAt() != null ? s.lastScanAt() : s.createdAt();
        int stallDays = lane != null && lane.stallBusinessDays() > 0 ? lane.stallBusinessDays() : stallBusinessDays;
        boolean stalled = false;
        if (since != null) {
            int silentDays = businessDaysBetween(since.atZone(zone).toLocalDate(), today);
            stalled = moving ? silentDays >= stallDays : silentDays >= pickupBusinessDays;
        }
        return new Flags(delay.delayed(), stalled, delay.state());
    }

    /**
     * The delay verdict for a live shipment as it stands (status, reason and estimate already updated), and the
     * dates told to store with it.
     *
     * @param promised the merchant's promised date, or null
     * @param today    today in the shopper's zone
     * @param lane     the lane baseline's expectation, or null
     */
    public static DelayVerdict delay(Shipment s, LocalDate promised, LocalDate today, LaneExpectation lane) {
        DelayState was = s.delay();
        LocalDate eta = estimateDate(s.estimatedDelivery());
        LocalDate first = was.firstEstimate() != null ? was.firstEstimate() : eta;
        LocalDate told = was.toldDate();
        // the date the shopper holds now: the date last told, else the promise
        LocalDate held = told != null ? told : promised;
        ExceptionReason carrierReason = s.reason().isDelay() ? s.reason() : ExceptionReason.NONE;
        LocalDate base = earliest(promised, first);

        boolean moved = eta != null && held != null && eta.isAfter(held);
        boolean pastDue = today != null && Stream.of(promised, first, held, eta)
                .anyMatch(d -> d != null && today.isAfter(d));
        boolean laterThanFirstHeld = eta != null && base != null && eta.isAfter(base);
        boolean behindLane = lane != null && lane.likelyLateAfter() != null && today != null
                && today.isAfter(lane.likelyLateAfter());
        boolean delayed = moved || carrierReason != ExceptionReason.NONE || pastDue || laterThanFirstHeld || behindLane;

        String episode = was.episode();
        DelayNotice notice = was.notice();
        if (moved) {
            // (b), or (c) with a new date: a later date than the shopper holds is news, told once per date
            episode = eta.toString();
            notice = new DelayNotice(held, eta, carrierReason, carrierReason != ExceptionReason.NONE
                    ? DelayNotice.Basis.CARRIER_REPORTED : DelayNotice.Basis.ESTIMATE_MOVED);
            told = eta;
        } else {
            if (told == null && eta != null) {
                told = eta; // the first estimate: what the SHIPPED message and the page tell
            }
            if (delayed) {
                String next = nextEpisode(was, s.delayed(), held, base, today);
                if (!next.equals(episode)) {
                    episode = next;
                    notice = notice(held, carrierReason, pastDue, behindLane);
                }
            }
        }
        return new DelayVerdict(delayed, new DelayState(first, told, episode, notice));
    }

    /** A delay without a later date: the date held missed, else the episode going on, else a fresh one. */
    private static String nextEpisode(DelayState was, boolean wasDelayed, LocalDate held, LocalDate base,
                                      LocalDate today) {
        if (held != null && today != null && today.isAfter(held)) {
            return "after-" + held;
        }
        if (wasDelayed && was.episode() != null) {
            return was.episode();
        }
        if (held != null && base != null && held.isAfter(base)) {
            return held.toString(); // late again at the date already told (after good news): the same episode
        }
        return "after-" + (held == null ? "unknown" : held.toString());
    }

    private static DelayNotice notice(LocalDate held, ExceptionReason carrierReason, boolean pastDue,
                                      boolean behindLane) {
        DelayNotice.Basis basis = carrierReason != ExceptionReason.NONE ? DelayNotice.Basis.CARRIER_REPORTED
                : pastDue ? DelayNotice.Basis.PAST_DUE
                : behindLane ? DelayNotice.Basis.BEHIND_LANE : DelayNotice.Basis.ESTIMATE_MOVED;
        return new DelayNotice(held, null, carrierReason, basis);
    }

    /** The carrier's estimated date: the date, else the day its window starts. */
    public static LocalDate estimateDate(EstimatedDelivery eta) {
        if (eta == null) {
            return null;
        }
        return eta.date() != null ? eta.date() : eta.windowStart() != null ? eta.windowStart().toLocalDate() : null;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : (a.isBefore(b) ? a : b);
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
