package io.ordertracker.domain.lanes;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lane baselines: transit-time distributions per carrier, service and lane, learned from delivered shipments
 * ({@link #learn}: one atomic count per delivery, from the table's stream) and seeded per carrier and service
 * ({@link LaneDefaults}) until a lane has {@value #MIN_DELIVERIES} deliveries. From them, per shipment, a
 * {@link LaneExpectation}: the expected date when the carrier gives none, "likely late" past the lane's p90, and
 * the silence that counts as stalled on the lane.
 *
 * <p>Reads go through a small per-container cache ({@code cacheFor}, from the injected clock): lanes are few and
 * their figures move slowly, so the hourly stall pass and the pages read each lane about once per period.
 */
public final class LaneBaselines {
    /** Deliveries a lane needs before its own figures replace the carrier's defaults. */
    public static final int MIN_DELIVERIES = 20;
    /** Bounds of the stall threshold a lane sets (business days without a scan). */
    static final int MIN_STALL_DAYS = 2;
    static final int MAX_STALL_DAYS = 5;

    /** Transit days (pickup to delivery) of one lane, and where they come from. */
    public record Baseline(int p50Days, int p90Days, long deliveries, LaneExpectation.Source source) {

        /** Silence longer than the lane's usual spread (p90 - p50) plus a day is stalled, within 2..5 days. */
        public int stallBusinessDays() {
            return Math.max(MIN_STALL_DAYS, Math.min(MAX_STALL_DAYS, p90Days - p50Days + 1));
        }
    }

    private record Cached(Baseline baseline, Instant until) {
    }

    private final LaneStats stats;
    private final LaneDefaults defaults;
    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param stats    the learned aggregates; null for the seeded defaults only (no I/O)
     * @param cacheFor how long a lane's figures are reused in this container
     */
    public LaneBaselines(LaneStats stats, LaneDefaults defaults, Clock clock, Duration cacheFor) {
        this.stats = stats;
        this.defaults = defaults;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    /** The seeded defaults alone: what the cadence uses where no table is at hand. */
    public static LaneBaselines defaultsOnly() {
        return new LaneBaselines(null, LaneDefaults.load(), Clock.systemUTC(), Duration.ZERO);
    }

    /** The lane's figures: its own once it has {@value #MIN_DELIVERIES} deliveries, else the carrier's defaults. */
    public Baseline baseline(Carrier carrier, Route route) {
        Lane lane = Lane.of(carrier, route);
        if (lane == null || stats == null) {
            return seeded(carrier, route, 0);
        }
        Instant now = clock.instant();
        Cached hit = cache.get(lane.key());
        if (hit != null && now.isBefore(hit.until())) {
            return hit.baseline();
        }
        Optional<TransitHistogram> histogram = stats.histogram(lane);
        long deliveries = histogram.map(TransitHistogram::total).orElse(0L);
        Baseline baseline = deliveries >= MIN_DELIVERIES
                ? new Baseline(histogram.get().percentile(50), histogram.get().percentile(90), deliveries,
                        LaneExpectation.Source.LANE_HISTORY)
                : seeded(carrier, route, deliveries);
        cache.put(lane.key(), new Cached(baseline, now.plus(cacheFor)));
        return baseline;
    }

    /**
     * What the lane expects of this shipment: dates counted from its pickup (else from when we learned of it), in
     * the shopper's zone.
     */
    public LaneExpectation expectation(Shipment s, ZoneId zone) {
        Baseline b = baseline(s.carrier(), s.route());
        Instant from = s.pickedUpAt() != null ? s.pickedUpAt() : s.createdAt();
        if (from == null) {
            return new LaneExpectation(null, null, b.stallBusinessDays(), b.source());
        }
        LocalDate start = from.atZone(zone).toLocalDate();
        // not picked up yet: the pickup is the day after at the earliest
        LocalDate pickup = s.pickedUpAt() != null ? start : start.plusDays(1);
        return new LaneExpectation(pickup.plusDays(b.p50Days()), pickup.plusDays(b.p90Days()), b.stallBusinessDays(),
                b.source());
    }

    /**
     * Counts a shipment that has just become DELIVERED on its lane (a stream record of its write). Nothing for any
     * other change, nor for a shipment whose lane or pickup the carrier never told; a redelivered record is not
     * counted again ({@link LaneStats#recordDelivery} is idempotent per shipment).
     *
     * @return the lane counted on, when counted now
     */
    public Optional<Lane> learn(Shipment before, Shipment after) {
        if (after == null || after.status() != ShipmentStatus.DELIVERED
                || (before != null && before.status() == ShipmentStatus.DELIVERED)) {
            return Optional.empty();
        }
        Lane lane = Lane.of(after.carrier(), after.route());
        Instant delivered = after.lastEventAt();
        if (lane == null || stats == null || after.pickedUpAt() == null || delivered == null
                || delivered.isBefore(after.pickedUpAt())) {
            return Optional.empty();
        }
        return stats.recordDelivery(lane, after.shipmentId(), transitDays(after.pickedUpAt(), delivered))
                ? Optional.of(lane) : Optional.empty();
    }

    /** Whole days from pickup to delivery, rounded to the nearest day. */
    public static int transitDays(Instant pickedUpAt, Instant deliveredAt) {
        long hours = Duration.between(pickedUpAt, deliveredAt).toHours();
        return (int) ((hours + 12) / 24);
    }

    private Baseline seeded(Carrier carrier, Route route, long deliveries) {
        LaneDefaults.Figures f = defaults.figures(carrier, route == null ? null : route.service());
        return new Baseline(f.p50Days(), f.p90Days(), deliveries, LaneExpectation.Source.CARRIER_DEFAULT);
    }
}
