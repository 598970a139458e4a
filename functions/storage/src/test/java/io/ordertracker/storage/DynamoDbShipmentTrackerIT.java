package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.polling.DueShipment;
import io.ordertracker.domain.polling.Observation;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.ShipmentTracker.SaveOutcome;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.domain.polling.TrackingState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DynamoDbShipmentTrackerIT {
    private final DynamoDbOrderStore orders = new DynamoDbOrderStore(LocalTable.CLIENT, LocalTable.TABLE);
    private final DynamoDbShipmentTracker tracker = new DynamoDbShipmentTracker(LocalTable.CLIENT, LocalTable.TABLE);
    private final TrackingProgress progress = new TrackingProgress(new PollCadence(PollingSettings.defaults()));
    private final String merchant = "m_" + UUID.randomUUID().toString().replace("-", "");
    // Each test gets its own simulated "now" far from the others', so index queries see only its shipments.
    private final Instant now = Instant.parse("2026-11-16T15:00:00Z").plus(Duration.ofDays(Math.abs(merchant.hashCode() % 20000)));

    private ShipmentRef order(String number, Carrier carrier, String trackingNumber) {
        Order order = new Order(merchant, number, new Customer("Ada", "ada@example.com", null, "UTC", "en"),
                List.of(new OrderItem("Mug", 1, null)), LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(3),
                now, "h");
        String id = "shp_" + number + "_" + merchant;
        orders.create(order, List.of(Shipment.newShipment(merchant, number, id, carrier, trackingNumber, "tok" + id, now)), null);
        return new ShipmentRef(merchant, number, id);
    }

    private static TrackingEvent ev(OffsetDateTime t, ShipmentStatus status, String code) {
        return new TrackingEvent(t, status, null, code, code, "Louisville, KY, US");
    }

    private Observation inTransit() {
        OffsetDateTime t = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.ofHours(-5));
        return new Observation(ShipmentStatus.IN_TRANSIT, null,
                EstimatedDelivery.of(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(3), EstimatedDelivery.Kind.SCHEDULED),
                null, null, List.of(ev(t.plusMinutes(30), ShipmentStatus.IN_TRANSIT, "AR"), ev(t, ShipmentStatus.INFO_RECEIVED, "MP")), "AR");
    }

    @Test
    void dueShipmentsComeFromTheirShardAndALeaseKeepsThemFromBeingPlannedTwice() {
        List<ShipmentRef> refs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            refs.add(order("d" + i, Carrier.DHL, "12345678" + i + "0"));
        }
        List<DueShipment> due = new ArrayList<>();
        for (int shard = 0; shard < Keys.POLL_SHARDS; shard++) {
            due.addAll(tracker.due(Carrier.DHL, shard, now, 1000).stream()
                    .filter(d -> d.merchantId().equals(merchant)).toList());
        }
        assertThat(due).extracting(DueShipment::shipmentId)
                .containsExactlyInAnyOrderElementsOf(refs.stream().map(ShipmentRef::shipmentId).toList());
        assertThat(tracker.due(Carrier.UPS, 0, now, 1000)).noneMatch(d -> d.merchantId().equals(merchant));

        DueShipment first = due.get(0);
        assertThat(tracker.lease(first, now.plus(Duration.ofMinutes(20)))).isTrue();
        assertThat(tracker.lease(first, now.plus(Duration.ofMinutes(20)))).isFalse();
        int shard = Math.floorMod(first.shipmentId().hashCode(), Keys.POLL_SHARDS);
        assertThat(tracker.due(Carrier.DHL, shard, now, 1000)).noneMatch(d -> d.shipmentId().equals(first.shipmentId()));
    }

    @Test
    void aWriteFromAStaleVersionLosesAndEventsAreStoredOnce() {
        ShipmentRef ref = order("c1", Carrier.UPS, "1Z8V4E27030004411X");
        TrackingState read = tracker.load(ref).orElseThrow();
        assertThat(read.promisedDate()).isNotNull();
        TrackingProgress.Result a = progress.observed(read, inTransit(), now.plusSeconds(3600), true);
        TrackingProgress.Result b = progress.observed(read, inTransit(), now.plusSeconds(3601), true);
        assertThat(tracker.save(a)).isEqualTo(SaveOutcome.SAVED);
        assertThat(tracker.save(b)).isEqualTo(SaveOutcome.CONFLICT);

        TrackingState stored = tracker.load(ref).orElseThrow();
        assertThat(stored.shipment().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(stored.shipment().version()).isEqualTo(read.shipment().version() + 1);
        assertThat(stored.eventIds()).hasSize(2);
        assertThat(stored.localOffset()).isEqualTo(java.time.ZoneOffset.ofHours(-5));
        assertThat(stored.carrierCalls()).isEqualTo(1);
        assertThat(tracker.events(ref.shipmentId())).hasSize(2);

        // the retry after the conflict: same answer on the fresh state changes nothing but the poll bookkeeping
        TrackingProgress.Result retry = progress.observed(stored, inTransit(), now.plusSeconds(3602), true);
        assertThat(retry.newEvents()).isEmpty();
        assertThat(tracker.save(retry)).isEqualTo(SaveOutcome.SAVED);
        assertThat(tracker.events(ref.shipmentId())).hasSize(2);
        assertThat(tracker.findByCarrierNumber(Carrier.UPS, "1Z8V4E27030004411X")).contains(ref);
    }

    @Test
    void aTerminalStatusLeavesThePollingIndex() {
        ShipmentRef ref = order("t1", Carrier.USPS, "9400111899223000003347");
        TrackingState read = tracker.load(ref).orElseThrow();
        OffsetDateTime t = OffsetDateTime.ofInstant(now.plusSeconds(7200), java.time.ZoneOffset.ofHours(-7));
        TrackingProgress.Result delivered = progress.observed(read, new Observation(ShipmentStatus.DELIVERED, null, null, t,
                "FRONT DOOR", List.of(ev(t, ShipmentStatus.DELIVERED, "01")), "01"), now.plusSeconds(7300), true);
        assertThat(tracker.save(delivered)).isEqualTo(SaveOutcome.SAVED);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> raw = LocalTable.CLIENT.getItem(b -> b
                .tableName(LocalTable.TABLE).key(Map.of("pk", Attr.s(Keys.orderPk(merchant, "t1")),
                        "sk", Attr.s(Keys.shipmentSk(ref.shipmentId()))))).item();
        assertThat(raw).doesNotContainKeys("pollShard", "nextPollAt");
        assertThat(raw.get("status").s()).isEqualTo("DELIVERED");
        assertThat(raw.get("signedBy").s()).isEqualTo("FRONT DOOR");
        assertThat(raw.get("entityType").s()).isEqualTo("SHIPMENT");
    }

    @Test
    void carrierCallsAreCountedPerCarrierAndDay() {
        LocalDate day = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(1000 + Math.abs(merchant.hashCode() % 1000));
        assertThat(tracker.count(Carrier.DHL, day)).isZero();
        tracker.add(Carrier.DHL, day, 3);
        assertThat(tracker.add(Carrier.DHL, day, 2)).isEqualTo(5);
        assertThat(tracker.count(Carrier.DHL, day)).isEqualTo(5);
        assertThat(tracker.count(Carrier.DHL, day.plusDays(1))).isZero();
    }
}
