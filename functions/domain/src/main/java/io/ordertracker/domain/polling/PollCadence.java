package io.ordertracker.domain.polling;

import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When to ask the carrier next. The idea: a carrier call is worth making only when a change the shopper cares
 * about is likely. Those changes cluster: "out for delivery" is scanned as the van is loaded on the delivery day
 * (07:30-08:30 local), the delivery follows within hours, and nothing the shopper is told about happens while a
 * parcel crosses the country. So the cadence sleeps through long-haul transit, wakes at the delivery-day window in
 * the parcel's own time zone, looks every few minutes there, then a few times over the delivery day. Exceptions
 * wait on people (a new address, a pickup), so they are checked rarely; shipments without news back off; terminal
 * shipments are never polled; and every shipment is looked at once more when it is due to expire.
 */
public final class PollCadence {
    private final PollingSettings settings;

    public PollCadence(PollingSettings settings) {
        this.settings = settings;
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
        Instant expiry = state.expiresAt(settings);
        if (state.pushSubscribed()) {
            // The carrier tells us; we only come back to expire it if it goes silent.
            return Optional.of(later(expiry, now.plus(settings.minInterval())));
        }
        Instant next = switch (s.status()) {
            case PENDING, UNKNOWN -> notYetKnown(s, now);
            case INFO_RECEIVED -> labelCreated(state, now);
            case IN_TRANSIT -> inTransit(state, now);
            case OUT_FOR_DELIVERY -> outForDelivery(state, now);
            case DELIVERY_ATTEMPTED -> windowOn(nextDay(state, now), state.zone());
            case AVAILABLE_FOR_PICKUP, EXCEPTION, RETURNING_TO_SENDER ->
                    backedOff(state, now, settings.exceptionInterval());
            default -> now.plus(settings.exceptionInterval());
        };
        next = later(next, now.plus(settings.minInterval()));
        return Optional.of(earlier(next, later(expiry, now.plus(settings.minInterval()))));
    }

    /** Unknown to the carrier so far: retry soon, then back off to half the time we have been waiting. */
    private Instant notYetKnown(Shipment s, Instant now) {
        Duration age = Duration.between(s.createdAt(), now);
        Duration wait = clamp(age.dividedBy(2), settings.notFoundMinInterval(), settings.notFoundMaxInterval());
        return now.plus(wait);
    }

    private Instant labelCreated(TrackingState state, Instant now) {
        Instant next = backedOff(state, now, settings.labelCreatedInterval());
        LocalDate expected = state.expectedDeliveryDate();
        return expected == null ? next : earlier(next, laterOrNow(windowOn(expected, state.zone()), now));
    }

    private Instant inTransit(TrackingState state, Instant now) {
        LocalDate expected = state.expectedDeliveryDate();
        ZoneOffset zone = state.zone();
        if (expected == null) {
            return backedOff(state, now, settings.noEtaTransitInterval());
        }
        LocalDate today = LocalDateTime.ofInstant(now, zone).toLocalDate();
        Instant windowStart = windowOn(expected, zone);
        if (now.isBefore(windowStart)) {
            // Sleep through transit: within a day and a half of the window, sleep until the window; further out, look
            // again halfway there (at most a day later: an exception in transit should not wait longer than that).
            Duration toWindow = Duration.between(now, windowStart);
            if (toWindow.compareTo(settings.transitMaxInterval().multipliedBy(3).dividedBy(2)) <= 0) {
                return windowStart;
            }
            return now.plus(clamp(toWindow.dividedBy(2), settings.transitMinInterval(), settings.transitMaxInterval()));
        }
        if (!today.isAfter(expected)) {
            Instant windowEnd = windowStart.plus(settings.deliveryWindowLength());
            if (now.isBefore(windowEnd)) {
                return now.plus(settings.deliveryWindowRepeat());
            }
            // The van left without it, most likely: it goes out tomorrow unless the carrier says otherwise.
            return windowOn(today.plusDays(1), zone);
        }
        // Late, and the carrier has not moved its estimate: check each morning window and a few times a day.
        Instant tomorrowWindow = windowOn(today.plusDays(1), zone);
        Instant todayWindow = windowOn(today, zone);
        if (now.isBefore(todayWindow)) {
            return todayWindow;
        }
        if (now.isBefore(todayWindow.plus(settings.deliveryWindowLength()))) {
            return now.plus(settings.deliveryWindowRepeat());
        }
        return earlier(now.plus(settings.lateInterval()), tomorrowWindow);
    }

    private Instant outForDelivery(TrackingState state, Instant now) {
        ZoneOffset zone = state.zone();
        Instant scannedOut = state.shipment().lastEventAt() != null ? state.shipment().lastEventAt() : now;
        Instant first = scannedOut.plus(settings.afterOutForDelivery());
        Instant next = now.isBefore(first) ? first : now.plus(settings.outForDeliveryRepeat());
        LocalDate today = LocalDateTime.ofInstant(now, zone).toLocalDate();
        Instant cutoff = today.atTime(settings.eveningCutoff()).toInstant(zone);
        if (!next.isBefore(cutoff)) {
            // One look at the end of the day (late deliveries), then tomorrow's window.
            return now.isBefore(cutoff) ? cutoff : windowOn(today.plusDays(1), zone);
        }
        return next;
    }

    private LocalDate nextDay(TrackingState state, Instant now) {
        return LocalDateTime.ofInstant(now, state.zone()).toLocalDate().plusDays(1);
    }

    /** {@code base}, doubled for every {@link PollingSettings#stalledAfter()} without a scan, up to a day. */
    private Instant backedOff(TrackingState state, Instant now, Duration base) {
        Instant lastScan = state.shipment().lastScanAt();
        if (lastScan == null) {
            return now.plus(base);
        }
        long periods = Duration.between(lastScan, now).toSeconds() / Math.max(1, settings.stalledAfter().toSeconds());
        Duration wait = base;
        for (long i = 0; i < periods && wait.compareTo(Duration.ofDays(1)) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(earlier(wait, Duration.ofDays(1)));
    }

    private Instant windowOn(LocalDate day, ZoneOffset zone) {
        return day.atTime(settings.deliveryWindowStart()).toInstant(zone);
    }

    private static Instant laterOrNow(Instant t, Instant now) {
        return later(t, now);
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    private static Duration earlier(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
