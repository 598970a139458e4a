package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.lanes.Lane;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.domain.lanes.LaneDefaults;
import io.ordertracker.domain.lanes.LaneExpectation;
import io.ordertracker.domain.lanes.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lane aggregates on DynamoDB Local: counted once per shipment, figures from the histogram after 20 deliveries. */
class LaneBaselinesIT {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DynamoDbLaneStats stats = new DynamoDbLaneStats(LocalTable.CLIENT, LocalTable.TABLE, clock);
    private final LaneBaselines baselines = new LaneBaselines(stats, LaneDefaults.load(), clock, Duration.ZERO);
    // a service of its own per test, so tests never share a lane
    private final String service = "SVC_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private final Route route = new Route(service, "US-NY", "US-CA");
    private final Lane lane = Lane.of(Carrier.UPS, route);

    @Test
    void aDeliveryIsCountedOnceHoweverOftenItsRecordComesBack() {
        assertThat(stats.recordDelivery(lane, "shp_a", 4)).isTrue();
        assertThat(stats.recordDelivery(lane, "shp_a", 4)).isFalse();
        assertThat(stats.recordDelivery(lane, "shp_b", 40)).isTrue();

        long[] counts = stats.histogram(lane).orElseThrow().counts();
        assertThat(counts[4]).isEqualTo(1);
        assertThat(counts[30]).as("longer than 30 days lands in the last bucket").isEqualTo(1);
        assertThat(stats.histogram(lane).orElseThrow().total()).isEqualTo(2);
        var item = LocalTable.CLIENT.getItem(b -> b.tableName(LocalTable.TABLE).key(Map.of(
                Keys.PK, Attr.s(Keys.lanePk(lane.key())), Keys.SK, Attr.s(Keys.laneCountedSk("shp_a"))))).item();
        assertThat(Attr.num(item, Keys.EXPIRES_AT, 0))
                .as("markers expire, long after the stream's 24 hours").isEqualTo(NOW.plus(Duration.ofDays(30)).getEpochSecond());
    }

    @Test
    void theCarriersDefaultsHoldUntilTheLaneHasTwentyDeliveriesThenItsOwnPercentiles() {
        for (int i = 0; i < LaneBaselines.MIN_DELIVERIES - 1; i++) {
            stats.recordDelivery(lane, "shp_" + i, i < 10 ? 2 : 5);
        }
        LaneBaselines.Baseline seeded = baselines.baseline(Carrier.UPS, route);
        assertThat(seeded.source()).isEqualTo(LaneExpectation.Source.CARRIER_DEFAULT);
        assertThat(seeded.p50Days()).isEqualTo(LaneDefaults.load().figures(Carrier.UPS, service).p50Days());

        stats.recordDelivery(lane, "shp_last", 9);
        LaneBaselines.Baseline learned = baselines.baseline(Carrier.UPS, route);
        // 10 x 2 days, 9 x 5 days, 1 x 9 days: median 2 (rank 10), p90 5 (rank 18)
        assertThat(learned).isEqualTo(new LaneBaselines.Baseline(2, 5, 20, LaneExpectation.Source.LANE_HISTORY));
        assertThat(learned.stallBusinessDays()).isEqualTo(4);
    }

    @Test
    void aShipmentBecomingDeliveredIsLearnedFromPickupToDeliveryAndOnlyThen() {
        Instant pickup = Instant.parse("2026-11-16T22:00:00Z");
        Shipment inTransit = shipment(ShipmentStatus.IN_TRANSIT, pickup, pickup.plus(Duration.ofHours(30)));
        Shipment delivered = shipment(ShipmentStatus.DELIVERED, pickup, pickup.plus(Duration.ofHours(3 * 24 + 5)));

        assertThat(baselines.learn(null, inTransit)).isEmpty();
        assertThat(baselines.learn(inTransit, delivered)).contains(lane);
        assertThat(baselines.learn(inTransit, delivered)).as("the same record again").isEmpty();
        assertThat(baselines.learn(delivered, delivered)).as("a later write of a delivered shipment").isEmpty();
        assertThat(stats.histogram(lane).orElseThrow().counts()[3]).isEqualTo(1);
    }

    @Test
    void anExpectationCountsTheLanesDaysFromPickupInTheShoppersZone() {
        Instant pickup = Instant.parse("2026-11-17T01:30:00Z"); // 16 Nov, 17:30 in Los Angeles
        Shipment s = shipment(ShipmentStatus.IN_TRANSIT, pickup, pickup);
        LaneDefaults.Figures f = LaneDefaults.load().figures(Carrier.UPS, service);

        LaneExpectation e = baselines.expectation(s, ZoneId.of("America/Los_Angeles"));

        assertThat(e.expectedBy()).isEqualTo(LocalDate.of(2026, 11, 16).plusDays(f.p50Days()));
        assertThat(e.likelyLateAfter()).isEqualTo(LocalDate.of(2026, 11, 16).plusDays(f.p90Days()));
        assertThat(e.source()).isEqualTo(LaneExpectation.Source.CARRIER_DEFAULT);
    }

    @Test
    void theWritePathStoresTheRouteTheCarrierReportedAndThePickupTime() {
        var orders = new DynamoDbOrderStore(LocalTable.CLIENT, LocalTable.TABLE);
        var tracker = new DynamoDbShipmentTracker(LocalTable.CLIENT, LocalTable.TABLE);
        var progress = new io.ordertracker.domain.polling.TrackingProgress(
                new io.ordertracker.domain.polling.PollCadence(io.ordertracker.domain.polling.PollingSettings.defaults()));
        String number = "L-" + service;
        String id = "shp_" + number;
        orders.create(new io.ordertracker.domain.Order("m_lane", number,
                        new io.ordertracker.domain.Customer("Ada", "ada@example.com", null, "UTC", "en"),
                        java.util.List.of(new io.ordertracker.domain.OrderItem("Mug", 1, null)), null, NOW, "h"),
                java.util.List.of(Shipment.newShipment("m_lane", number, id, Carrier.UPS, "1Z" + service, "tok" + id, NOW)),
                null);
        var ref = new io.ordertracker.domain.ShipmentRef("m_lane", number, id);
        java.time.OffsetDateTime label = java.time.OffsetDateTime.parse("2026-11-20T09:00:00-05:00");
        java.time.OffsetDateTime pickedUp = java.time.OffsetDateTime.parse("2026-11-20T17:40:00-05:00");
        var observation = new io.ordertracker.domain.polling.Observation(ShipmentStatus.IN_TRANSIT, null, null, null, null,
                java.util.List.of(new io.ordertracker.domain.TrackingEvent(label, ShipmentStatus.INFO_RECEIVED, null, "MP", "Label", "NY"),
                        new io.ordertracker.domain.TrackingEvent(pickedUp, ShipmentStatus.IN_TRANSIT, null, "005", "Picked up", "NY")),
                "005", route);

        var state = tracker.load(ref).orElseThrow();
        assertThat(tracker.save(progress.observed(state, observation, NOW.plus(Duration.ofDays(1)), true)))
                .isEqualTo(io.ordertracker.domain.polling.ShipmentTracker.SaveOutcome.SAVED);

        Shipment stored = tracker.load(ref).orElseThrow().shipment();
        assertThat(stored.route()).isEqualTo(route);
        assertThat(stored.pickedUpAt()).as("the first moving scan, not the label").isEqualTo(pickedUp.toInstant());
    }

    private Shipment shipment(ShipmentStatus status, Instant pickup, Instant lastEvent) {
        return new Shipment("m_lane", "L-1", "shp_" + service, Carrier.UPS, "1Z", "tok", status, ExceptionReason.NONE,
                null, false, false, lastEvent, lastEvent, null, true, pickup.minus(Duration.ofHours(5)), lastEvent, 3, io.ordertracker.domain.notify.DelayState.NONE,
                route, pickup);
    }
}
