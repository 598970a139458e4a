package io.ordertracker.domain.polling;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStateMachine;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.StatusDecision;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.notify.DelayAndStallRules;
import io.ordertracker.domain.lanes.Route;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How one carrier answer moves a shipment: the pure half of the tracking worker and the push endpoint. The status
 * goes through {@link ShipmentStateMachine#decide} (forward only, by carrier event time), so an older scan that
 * arrives late is stored as an event but never moves the status back. The write path then stores the new events
 * and the new state conditionally on the version it read.
 */
public final class TrackingProgress {
    private final PollCadence cadence;

    public TrackingProgress(PollCadence cadence) {
        this.cadence = cadence;
    }

    public PollCadence cadence() {
        return cadence;
    }

    /**
     * @param state       as read, with its version
     * @param newEvents   events not stored yet (the write path stores them once, with attribute_not_exists)
     * @param decision    what the state machine decided for the carrier's status (null when no status was seen)
     * @param deliveredAt / signedBy carrier delivery details, when delivered
     * @param answeredAt  when the carrier answered about the number (tracking details or "not found"); null when it
     *                    did not (a failed or rate-limited poll, an expiry check): the stall detector confirms a stall
     *                    only with an answer ({@link io.ordertracker.domain.notify.StallConfirmation})
     */
    public record Result(TrackingState before, TrackingState after, List<TrackingEvent> newEvents,
                         StatusDecision decision, OffsetDateTime deliveredAt, String signedBy, Instant answeredAt) {

        /** A result without a carrier answer. */
        public Result(TrackingState before, TrackingState after, List<TrackingEvent> newEvents,
                      StatusDecision decision, OffsetDateTime deliveredAt, String signedBy) {
            this(before, after, newEvents, decision, deliveredAt, signedBy, null);
        }

        public boolean statusChanged() {
            return before.shipment().status() != after.shipment().status();
        }
    }

    /** The carrier reported on the number (a poll answer, or a push). */
    public Result observed(TrackingState state, Observation o, Instant now, boolean carrierCalled) {
        Shipment s = state.shipment();
        Set<String> known = new HashSet<>(state.eventIds());
        List<TrackingEvent> fresh = o.distinctEvents().stream().filter(e -> !known.contains(e.eventId())).toList();
        fresh.forEach(e -> known.add(e.eventId()));

        Instant newest = o.newestEventTime();
        // The carrier's older new scans first, in carrier-time order, so that the path matters as the rules say
        // (a "delivered" scan after "returning to sender" in the same answer is the return's delivery); the newest
        // is then decided on the carrier's own status for the answer.
        ShipmentStatus status = s.status();
        ExceptionReason reason = s.reason();
        Instant lastEventAt = s.lastEventAt();
        for (TrackingEvent e : fresh.stream().filter(e -> e.time() != null
                && (newest == null || e.time().toInstant().isBefore(newest)))
                .sorted(Comparator.comparing(e -> e.time().toInstant())).toList()) {
            Instant at = e.time().toInstant();
            StatusDecision step = ShipmentStateMachine.decide(status, lastEventAt, e.status(), at);
            if (step.changesStatus() || step.outcome() == StatusDecision.Outcome.SAME) {
                // a status-setting scan sets the reason, NONE included: a delay reason lasts until the next one
                status = step.newStatus();
                reason = e.reason();
            }
            if (step.isLatest() && (lastEventAt == null || at.isAfter(lastEventAt))) {
                lastEventAt = at;
            }
        }
        StatusDecision last = ShipmentStateMachine.decide(status, lastEventAt, o.status(), newest);
        if (last.changesStatus() || last.outcome() == StatusDecision.Outcome.SAME) {
            reason = o.reason();
        }
        status = last.newStatus();
        if (last.isLatest() && newest != null && (lastEventAt == null || newest.isAfter(lastEventAt))) {
            lastEventAt = newest;
        }
        StatusDecision decision = status != s.status() && !last.changesStatus()
                ? new StatusDecision(StatusDecision.Outcome.ADVANCE, status) : last;
        Instant lastScanAt = max(s.lastScanAt(), newest);
        ZoneOffset offset = state.localOffset();
        if (newest != null && (s.lastScanAt() == null || !newest.isBefore(s.lastScanAt()))) {
            offset = o.newestEvent().map(e -> e.time().getOffset()).orElse(offset);
        }
        EstimatedDelivery eta = s.status().isTerminal() || o.estimatedDelivery() == null
                ? s.estimatedDelivery() : o.estimatedDelivery();
        if (status == ShipmentStatus.DELIVERED && o.estimatedDelivery() == null) {
            eta = s.estimatedDelivery();
        }
        Route route = o.route() == null ? s.route() : o.route().orElse(s.route());
        Instant pickedUpAt = s.pickedUpAt();
        for (TrackingEvent e : fresh) {
            // the first scan of the parcel moving: its pickup (transit times count from it)
            if (e.time() != null && e.status().isMoving() && e.status() != ShipmentStatus.UNKNOWN
                    && (pickedUpAt == null || e.instant().isBefore(pickedUpAt))) {
                pickedUpAt = e.instant();
            }
        }

        Shipment moved = new Shipment(s.merchantId(), s.orderNumber(), s.shipmentId(), s.carrier(), s.trackingNumber(),
                s.trackingToken(), status, reason, eta, s.delayed(), s.stalled(), lastEventAt, lastScanAt,
                s.nextPollAt(), s.active(), s.createdAt(), now, s.version() + 1, s.delay(), route, pickedUpAt);
        TrackingState after = new TrackingState(moved, state.promisedDate(), offset, known, state.pushSubscribed(),
                state.carrierCalls() + (carrierCalled ? 1 : 0), state.lastPlanId(), state.shopperZone());
        OffsetDateTime deliveredAt = status == ShipmentStatus.DELIVERED ? o.deliveredAt() : null;
        after = expireIfSilent(after, now);
        after = withFlagsAndNextPoll(after, now, deliveredAt);
        return new Result(state, after, fresh, decision, deliveredAt,
                status == ShipmentStatus.DELIVERED ? o.signedBy() : null, now);
    }

    /**
     * The carrier does not know the number. It stays PENDING for the grace period (labels are often printed before
     * the carrier's systems have them), then becomes an EXCEPTION with reason NOT_FOUND.
     */
    public Result notFound(TrackingState state, Instant now) {
        Shipment s = state.shipment();
        TrackingState after = touched(state, now, true);
        StatusDecision decision = null;
        boolean neverSeen = s.status() == ShipmentStatus.PENDING || s.status() == ShipmentStatus.UNKNOWN;
        if (neverSeen && !now.isBefore(s.createdAt().plus(cadence.settings().notFoundGrace()))) {
            decision = ShipmentStateMachine.decide(s.status(), s.lastEventAt(), ShipmentStatus.EXCEPTION, now);
            if (decision.changesStatus()) {
                after = after.withShipment(with(after.shipment(), decision.newStatus(), ExceptionReason.NOT_FOUND));
            }
        }
        after = expireIfSilent(after, now);
        return new Result(state, withFlagsAndNextPoll(after, now, null), List.of(), decision, null, null, now);
    }

    /**
     * Nothing to learn now (the carrier asked us to wait, or could not answer for this number): come back after
     * {@code wait}, change nothing else.
     */
    public Result retryLater(TrackingState state, Instant now, Duration wait, boolean carrierCalled) {
        TrackingState after = touched(state, now, carrierCalled);
        Instant next = now.plus(wait);
        Shipment s = after.shipment();
        after = after.withShipment(new Shipment(s.merchantId(), s.orderNumber(), s.shipmentId(), s.carrier(),
                s.trackingNumber(), s.trackingToken(), s.status(), s.reason(), s.estimatedDelivery(), s.delayed(),
                s.stalled(), s.lastEventAt(), s.lastScanAt(), s.status().isTerminal() ? null : next, s.active(),
                s.createdAt(), now, s.version(), s.delay(), s.route(), s.pickedUpAt()));
        return new Result(state, after, List.of(), null, null, null);
    }

    /** Due without a carrier call (push-fed shipments): only expiry can happen. */
    public Result checkExpiry(TrackingState state, Instant now) {
        TrackingState after = expireIfSilent(touched(state, now, false), now);
        return new Result(state, withFlagsAndNextPoll(after, now, null), List.of(), null, null, null);
    }

    private TrackingState expireIfSilent(TrackingState state, Instant now) {
        Shipment s = state.shipment();
        if (s.status().isTerminal() || now.isBefore(state.expiresAt(cadence.settings()))) {
            return state;
        }
        StatusDecision d = ShipmentStateMachine.decide(s.status(), s.lastEventAt(), ShipmentStatus.EXPIRED, now);
        return d.changesStatus() ? state.withShipment(with(s, d.newStatus(), s.reason())) : state;
    }

    private TrackingState withFlagsAndNextPoll(TrackingState state, Instant now, OffsetDateTime deliveredAt) {
        Shipment s = state.shipment();
        DelayAndStallRules.DelayVerdict verdict = delay(state, now, deliveredAt);
        TrackingState flagged = state.withShipment(new Shipment(s.merchantId(), s.orderNumber(), s.shipmentId(),
                s.carrier(), s.trackingNumber(), s.trackingToken(), s.status(), s.reason(), s.estimatedDelivery(),
                verdict.delayed(), s.stalled(), s.lastEventAt(), s.lastScanAt(), null, s.active(), s.createdAt(), now,
                s.version(), verdict.state(), s.route(), s.pickedUpAt()));
        Instant next = cadence.nextPoll(flagged, now).orElse(null);
        Shipment f = flagged.shipment();
        return flagged.withShipment(new Shipment(f.merchantId(), f.orderNumber(), f.shipmentId(), f.carrier(),
                f.trackingNumber(), f.trackingToken(), f.status(), f.reason(), f.estimatedDelivery(), f.delayed(),
                f.stalled(), f.lastEventAt(), f.lastScanAt(), next, f.active(), f.createdAt(), now, f.version(),
                f.delay(), f.route(), f.pickedUpAt()));
    }

    /** {@link #delay}'s verdict alone (tests). */
    static boolean delayed(TrackingState state, Instant now, OffsetDateTime deliveredAt) {
        return delay(state, now, deliveredAt).delayed();
    }

    /**
     * Late by {@link DelayAndStallRules#delay} (promised or told date past, estimate later than the date told, a
     * carrier-reported delay), decided as the answer is written so the DELAYED message goes out before the parcel
     * is out for delivery. A delivered parcel keeps the verdict of its delivery day; other terminal statuses keep
     * the flag they had. The dates told are kept as they were once the parcel is terminal.
     */
    static DelayAndStallRules.DelayVerdict delay(TrackingState state, Instant now, OffsetDateTime deliveredAt) {
        Shipment s = state.shipment();
        LocalDate promised = state.promisedDate();
        if (s.status() == ShipmentStatus.DELIVERED) {
            if (promised == null || deliveredAt == null) {
                return new DelayAndStallRules.DelayVerdict(s.delayed(), s.delay());
            }
            return new DelayAndStallRules.DelayVerdict(deliveredAt.toLocalDate().isAfter(promised), s.delay());
        }
        if (s.status().isTerminal()) {
            return new DelayAndStallRules.DelayVerdict(s.delayed(), s.delay());
        }
        LocalDate today = LocalDateTime.ofInstant(now, state.zone()).toLocalDate();
        return DelayAndStallRules.delay(s, promised, today, null);
    }

    private static TrackingState touched(TrackingState state, Instant now, boolean carrierCalled) {
        Shipment s = state.shipment();
        Shipment t = new Shipment(s.merchantId(), s.orderNumber(), s.shipmentId(), s.carrier(), s.trackingNumber(),
                s.trackingToken(), s.status(), s.reason(), s.estimatedDelivery(), s.delayed(), s.stalled(),
                s.lastEventAt(), s.lastScanAt(), s.nextPollAt(), s.active(), s.createdAt(), now, s.version() + 1,
                s.delay(), s.route(), s.pickedUpAt());
        return new TrackingState(t, state.promisedDate(), state.localOffset(), state.eventIds(),
                state.pushSubscribed(), state.carrierCalls() + (carrierCalled ? 1 : 0), state.lastPlanId(), state.shopperZone());
    }

    private static Shipment with(Shipment s, ShipmentStatus status, ExceptionReason reason) {
        return new Shipment(s.merchantId(), s.orderNumber(), s.shipmentId(), s.carrier(), s.trackingNumber(),
                s.trackingToken(), status, reason, s.estimatedDelivery(), s.delayed(), s.stalled(), s.lastEventAt(),
                s.lastScanAt(), s.nextPollAt(), s.active(), s.createdAt(), s.updatedAt(), s.version(), s.delay(), s.route(), s.pickedUpAt());
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
    }
}
