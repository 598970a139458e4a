package io.ordertracker.domain.polling;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.lanes.LaneBaselines;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When to ask the carrier next. A carrier call is worth making only when a change the shopper is told about is
 * likely, and those changes cluster: "out for delivery" is scanned as the van is loaded on the delivery day
 * (07:30-08:30 where the shopper lives), the delivery follows within hours, and nothing the shopper hears about
 * happens while a parcel crosses the country. So the cadence
 * <ul>
 *   <li>sleeps through transit (a check at most every {@code transitMaxInterval}, halving the way to the next
 *       target), with one early look the morning before the expected day (parcels do go out a day early),</li>
 *   <li>wakes at the delivery-day window in the shopper's zone and looks every {@code deliveryWindowRepeat} while
 *       the window lasts, then again the next morning,</li>
 *   <li>once out for delivery, looks a few hours later (by early afternoon at the latest: door exceptions) and then
 *       every few hours until the evening,</li>
 *   <li>after a failed attempt, looks in the next morning's window (the next attempt),</li>
 *   <li>checks exceptions, pickups and returns rarely (they wait on people), backs off when nothing moves,</li>
 *   <li>never polls a terminal shipment, and comes back once more when a silent shipment is due to expire.</li>
 * </ul>
 * docs/polling.md gives the numbers (calls per delivered shipment, detection delays).
 */
public final class PollCadence {
    private final PollingSettings settings;
    private final LaneBaselines lanes;

    /** With the seeded lane defaults (no table at hand). */
    public PollCadence(PollingSettings settings) {
        this(settings, LaneBaselines.defaultsOnly());
    }

    /** @param lanes where a parcel's lane baseline comes from (the expected date when nobody gave one) */
    public PollCadence(PollingSettings settings, LaneBaselines lanes) {
        this.settings = settings;
        this.lanes = lanes;
    }

    public PollingSettings settings() {
        return settings;
    }

    /** The next time to ask the carrier about this shipment, or empty when polling has ended. */
    public Optional<Instant> nextPoll(TrackingState state, Instant now) {
        Shipment s = state.shipment();
        if (s.status().isTerminal() || !s.active()) {
            return Optional.empty();
        }
        Instant soonest = now.plus(settings.minInterval());
        Instant expiry = later(state.expiresAt(settings), soonest);
        if (state.pushSubscribed()) {
            // The carrier tells us; we only come back to expire it if it goes silent.
            return Optional.of(expiry);
        }
        LocalDate expected = state.expectedDeliveryDate();
        if (expected == null && (s.status() == ShipmentStatus.INFO_RECEIVED || s.status() == ShipmentStatus.IN_TRANSIT)) {
            // nobody gave a date: the lane's usual transit time gives one
            expected = lanes.expectation(s, state.zone()).expectedBy();
        }
        Instant next = switch (s.status()) {
            case PENDING, UNKNOWN -> notYetKnown(s, now);
            case INFO_RECEIVED, IN_TRANSIT -> expected == null
                    ? backedOff(state, now, s.status() == ShipmentStatus.INFO_RECEIVED
                            ? settings.labelCreatedInterval() : settings.noEtaTransitInterval())
                    : midTransitOr(towardsDelivery(state, now, expected, true), hubCheck(state, now, expected));
            case OUT_FOR_DELIVERY -> outForDelivery(state, now);
            // The next attempt is made the next working morning.
            case DELIVERY_ATTEMPTED -> towardsDelivery(state, now, localDate(lastEventOrNow(s, now), state.zone()).plusDays(1), false);
            case EXCEPTION -> exception(state, now);
            case AVAILABLE_FOR_PICKUP, RETURNING_TO_SENDER -> backedOff(state, now, settings.exceptionInterval());
            default -> now.plus(settings.exceptionInterval());
        };
        return Optional.of(earlier(later(next, soonest), expiry));
    }

    /** Unknown to the carrier so far: retry soon, then back off to half the time we have been waiting. */
    private Instant notYetKnown(Shipment s, Instant now) {
        Duration age = Duration.between(s.createdAt(), now);
        return now.plus(clamp(age.dividedBy(2), settings.notFoundMinInterval(), settings.notFoundMaxInterval()));
    }

    /**
     * Moving towards an expected delivery day: an early look the morning before, then the delivery-day window, then
     * (late) each following morning's window; a late parcel without any scan for a day gets one look per morning,
     * backing off further while it stays silent.
     */
    private Instant towardsDelivery(TrackingState state, Instant now, LocalDate expected, boolean inTransit) {
        ZoneId zone = state.zone();
        LocalDate today = localDate(now, zone);
        LocalDate day = expected.isBefore(today) ? today : expected;
        Instant early = at(day.minusDays(1), settings.earlyLook(), zone);
        Instant windowStart = at(day, settings.deliveryWindowStart(), zone);
        Instant windowEnd = windowStart.plus(settings.deliveryWindowLength());
        boolean late = day.isAfter(expected);
        Instant lastScan = state.shipment().lastScanAt();
        boolean silent = lastScan != null && Duration.between(lastScan, now).compareTo(Duration.ofDays(1)) > 0;

        // A look already made that morning (the window of a date that has just moved a day on) is the early look.
        boolean lookedThatMorning = !now.isBefore(at(day.minusDays(1), settings.deliveryWindowStart(), zone));
        if (!late && now.isBefore(early) && !lookedThatMorning && scannedNearShopper(state)) {
            return sleepUntil(now, early);
        }
        if (now.isBefore(windowStart)) {
            return sleepUntil(now, windowStart);
        }
        if (now.isBefore(windowEnd) && !(late && silent)) {
            return now.plus(settings.deliveryWindowRepeat());
        }
        Instant missedWindow = windowEnd.plus(settings.missedWindowLook());
        if (inTransit && !late && now.isBefore(missedWindow)) {
            // Expected today and not out by the end of the window: late or in trouble (an address problem, a hold
            // at the delivery station); one look at midday rather than tomorrow morning.
            return missedWindow;
        }
        if (late && silent) {
            // Probably lost or stuck: one look a morning, then every other morning, ... (the stall detector tells
            // the shopper; polling harder would not move the parcel).
            long periods = Duration.between(lastScan, now).toSeconds() / Math.max(1, settings.stalledAfter().toSeconds());
            return sleepUntil(now, at(today.plusDays(1L << Math.min(periods, 3)), settings.deliveryWindowStart(), zone));
        }
        return sleepUntil(now, at(today.plusDays(1), settings.deliveryWindowStart(), zone));
    }

    /**
     * The mid-transit check: one look when the lane says the parcel should have reached its next hub, the morning
     * after its pickup (line-hauls run overnight; hubs scan the night's arrivals, customs and holds by
     * {@link PollingSettings#hubCheck()} in the morning), so an exception met on the way is seen within hours
     * instead of at the next long-haul look. Only on lanes with a hub between pickup and the delivery day (the
     * expected day at least two days after pickup); a one-day lane's next morning is its delivery-day window. When
     * the early look falls on the same morning it is that check, and so is a look already made that morning. Before the pickup is seen, it counts from when we
     * learned of the parcel (labels are printed the day they are handed over, as a rule), and once more from the
     * pickup when that comes later.
     *
     * @return when to make it, or {@link Instant#MAX} when there is none to make
     */
    private Instant hubCheck(TrackingState state, Instant now, LocalDate expected) {
        Shipment s = state.shipment();
        Instant from = s.pickedUpAt() != null ? s.pickedUpAt() : s.createdAt();
        if (from == null) {
            return Instant.MAX;
        }
        ZoneId zone = state.zone();
        LocalDate hubDay = localDate(from, zone).plusDays(1);
        Instant check = at(hubDay, settings.hubCheck(), zone);
        boolean earlyLookThatMorning = hubDay.equals(expected.minusDays(1)) && scannedNearShopper(state);
        // a look made that morning after the night's line-haul (a one-day promise's window that found the date
        // moved on) was that morning's look at the hub: one a morning is enough
        boolean lookedThatMorning = !now.isBefore(at(hubDay, settings.deliveryWindowStart(), zone));
        if (!hubDay.isBefore(expected) || !now.isBefore(check) || earlyLookThatMorning || lookedThatMorning
                || (s.lastScanAt() != null && !s.lastScanAt().isBefore(check))) {
            return Instant.MAX;
        }
        return check;
    }

    /**
     * Some carriers report a failed delivery attempt as an exception (FedEx "DE"): the next attempt is the next
     * morning, so an exception gets that morning's window once; after that it waits on people and is checked
     * rarely.
     */
    private Instant exception(TrackingState state, Instant now) {
        ExceptionReason reason = state.shipment().reason();
        LocalDate expected = state.expectedDeliveryDate();
        if ((reason == ExceptionReason.CARRIER_DELAY || reason == ExceptionReason.WEATHER) && expected != null) {
            // A delay is transit with a later date: follow the carrier's new estimate.
            return towardsDelivery(state, now, expected, false);
        }
        if (reason == ExceptionReason.NOT_FOUND) {
            return backedOff(state, now, Duration.ofDays(1));
        }
        Instant rarely = backedOff(state, now, settings.exceptionInterval());
        if (state.shipment().lastEventAt() == null) {
            return rarely;
        }
        ZoneId zone = state.zone();
        LocalDate nextDay = localDate(lastEventOrNow(state.shipment(), now), zone).plusDays(1);
        Instant windowEnd = at(nextDay, settings.deliveryWindowStart(), zone).plus(settings.deliveryWindowLength());
        if (now.isBefore(windowEnd)) {
            Instant next = towardsDelivery(state, now, nextDay, false);
            return next.isAfter(windowEnd) ? rarely : next;
        }
        return rarely;
    }

    /**
     * Whether the newest scan was made in the shopper's time zone: the parcel has reached the destination region
     * (or never left it), so it may well go out for delivery a day before the carrier's estimate.
     */
    private static boolean scannedNearShopper(TrackingState state) {
        Instant lastScan = state.shipment().lastScanAt();
        if (state.shopperZone() == null || state.localOffset() == null || lastScan == null) {
            return true;
        }
        return state.shopperZone().getRules().getOffset(lastScan).equals(state.localOffset());
    }

    /**
     * Long sleeps are cut so a parcel in long-haul transit is still looked at every {@code transitMaxInterval}
     * (an exception in transit should not wait for the delivery day); short ones go straight to the target.
     */
    private Instant sleepUntil(Instant now, Instant target) {
        Duration toTarget = Duration.between(now, target);
        if (toTarget.compareTo(settings.transitMaxInterval().plus(settings.transitMinInterval())) <= 0) {
            return target;
        }
        Duration step = toTarget.minus(settings.transitMaxInterval());
        return now.plus(clamp(step, settings.transitMinInterval(), settings.transitMaxInterval()));
    }

    /**
     * Out for delivery: the van delivers over the day, and a door exception (refused, address problem, no access)
     * can come from the first stops on. The first look is {@code afterOutForDelivery} after the scan (most parcels
     * are delivered by then: one look sees it), but no later than {@code midRoundLook}, so an exception met on the
     * morning's stops is seen within the 4-hour target even for a van loaded late; never sooner than
     * {@code outForDeliveryRepeat} after the scan. Then a look every {@code outForDeliveryRepeat} and one at the
     * evening cutoff (a last look that would come shortly before it is made at the cutoff instead), then the next
     * morning's window.
     */
    private Instant outForDelivery(TrackingState state, Instant now) {
        ZoneId zone = state.zone();
        Duration repeat = settings.outForDeliveryRepeat();
        Instant scannedOut = lastEventOrNow(state.shipment(), now);
        Instant midRound = at(localDate(scannedOut, zone), settings.midRoundLook(), zone);
        Instant first = earlier(scannedOut.plus(settings.afterOutForDelivery()), later(midRound, scannedOut.plus(repeat)));
        Instant next = now.isBefore(first) ? first : now.plus(repeat);
        LocalDate today = localDate(now, zone);
        Instant cutoff = at(today, settings.eveningCutoff(), zone);
        if (!now.isBefore(cutoff)) {
            return at(today.plusDays(1), settings.deliveryWindowStart(), zone);
        }
        if (Duration.between(next, cutoff).compareTo(repeat.dividedBy(2)) < 0) {
            // One look at the end of the day (late deliveries), then tomorrow's window.
            return cutoff;
        }
        return next;
    }

    /** {@code base}, doubled for every {@link PollingSettings#stalledAfter()} without a scan, up to a day. */
    private Instant backedOff(TrackingState state, Instant now, Duration base) {
        Instant lastScan = state.shipment().lastScanAt() != null ? state.shipment().lastScanAt() : state.shipment().createdAt();
        if (lastScan == null) {
            return now.plus(base);
        }
        long periods = Duration.between(lastScan, now).toSeconds() / Math.max(1, settings.stalledAfter().toSeconds());
        Duration wait = base;
        for (long i = 0; i < periods && wait.compareTo(Duration.ofDays(1)) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait);
    }

    private static Instant lastEventOrNow(Shipment s, Instant now) {
        return s.lastEventAt() != null ? s.lastEventAt() : now;
    }

    private static LocalDate localDate(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalDate();
    }

    private static Instant at(LocalDate day, java.time.LocalTime time, ZoneId zone) {
        return day.atTime(time).atZone(zone).toInstant();
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    /**
     * The mid-transit check when one is pending: it comes before the early look and the delivery-day window, and it
     * replaces a long-sleep cut that would fall before it (one look, not two, on that morning).
     */
    private static Instant midTransitOr(Instant next, Instant hubCheck) {
        return hubCheck.equals(Instant.MAX) ? next : hubCheck;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
