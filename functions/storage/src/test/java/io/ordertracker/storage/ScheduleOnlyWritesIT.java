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
import io.ordertracker.domain.notify.DelayState;
import io.ordertracker.domain.notify.StallWatch;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue #18: a write of the shipment item that changes nothing a stream consumer acts on (a planner lease, a poll
 * that learned nothing) leaves {@link ShipmentItems#SCHEDULE_ONLY} on the item, so its stream record (whose new
 * image is the item as written) is dropped by every consumer's FilterCriteria (FilterPatternTest in
 * infra/local-runtime checks the template's patterns); every write that does change something removes it, or the
 * consumers would miss the change. Each writer of the shipment item in this module is exercised right after a lease.
 */
class ScheduleOnlyWritesIT {
    private final DynamoDbOrderStore orders = new DynamoDbOrderStore(LocalTable.CLIENT, LocalTable.TABLE);
    private final DynamoDbShipmentTracker tracker = new DynamoDbShipmentTracker(LocalTable.CLIENT, LocalTable.TABLE);
    private final DynamoDbStallWatch stallWatch = new DynamoDbStallWatch(LocalTable.CLIENT, LocalTable.TABLE);
    private final TrackingProgress progress = new TrackingProgress(new PollCadence(PollingSettings.defaults()));
    private final String merchant = "m_" + UUID.randomUUID().toString().replace("-", "");
    private final Instant now = Instant.parse("2026-11-16T15:00:00Z").plus(Duration.ofDays(Math.abs(merchant.hashCode() % 20000)));

    private ShipmentRef order(String number) {
        Order order = new Order(merchant, number, new Customer("Ada", "ada@example.com", null, "UTC", "en"),
                List.of(new OrderItem("Mug", 1, null)), LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3), now, "h");
        String id = "shp_" + number + "_" + merchant;
        orders.create(order, List.of(Shipment.newShipment(merchant, number, id, Carrier.UPS, "1Z8V4E2703000441" + number,
                "tok" + id, now)), null);
        return new ShipmentRef(merchant, number, id);
    }

    private Observation inTransit() {
        OffsetDateTime t = OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(-5));
        return new Observation(ShipmentStatus.IN_TRANSIT, null,
                EstimatedDelivery.of(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3), EstimatedDelivery.Kind.SCHEDULED),
                null, null, List.of(new TrackingEvent(t, ShipmentStatus.IN_TRANSIT, null, "AR", "Arrived", "Louisville, KY, US")),
                "AR");
    }

    private Map<String, AttributeValue> item(ShipmentRef ref) {
        return LocalTable.CLIENT.getItem(b -> b.tableName(LocalTable.TABLE).consistentRead(true)
                .key(Map.of(Keys.PK, Attr.s(Keys.orderPk(ref.merchantId(), ref.orderNumber())),
                        Keys.SK, Attr.s(Keys.shipmentSk(ref.shipmentId()))))).item();
    }

    private boolean scheduleOnly(ShipmentRef ref) {
        AttributeValue marker = item(ref).get(ShipmentItems.SCHEDULE_ONLY);
        return marker != null && Boolean.TRUE.equals(marker.bool());
    }

    /** A shipment that has been polled once (it is in transit) and is now leased by the planner. */
    private ShipmentRef polledAndLeased(String number) {
        ShipmentRef ref = order(number);
        assertThat(tracker.save(progress.observed(tracker.load(ref).orElseThrow(), inTransit(), now.plusSeconds(60), true)))
                .isEqualTo(SaveOutcome.SAVED);
        assertThat(scheduleOnly(ref)).as("a poll with news").isFalse();
        Shipment s = tracker.load(ref).orElseThrow().shipment();
        DueShipment due = new DueShipment(merchant, number, ref.shipmentId(), Carrier.UPS, s.trackingNumber(), s.status(),
                Instant.ofEpochSecond(Long.parseLong(item(ref).get("nextPollAt").n())));
        assertThat(tracker.lease(due, now.plus(Duration.ofMinutes(20)))).isTrue();
        assertThat(scheduleOnly(ref)).as("a lease").isTrue();
        return ref;
    }

    @Test
    void aLeaseAndAPollThatLearnsNothingAreScheduleOnlyAndStillConditional() {
        ShipmentRef ref = polledAndLeased("1");
        TrackingState read = tracker.load(ref).orElseThrow();
        TrackingProgress.Result nothingNew = progress.observed(read, inTransit(), now.plusSeconds(3600), true);
        assertThat(nothingNew.newEvents()).isEmpty();
        assertThat(DynamoDbShipmentTracker.changesWhatConsumersSee(nothingNew, java.util.Optional.empty())).isFalse();
        TrackingProgress.Result racing = progress.observed(read, inTransit(), now.plusSeconds(3601), true);
        assertThat(tracker.save(nothingNew)).isEqualTo(SaveOutcome.SAVED);
        assertThat(scheduleOnly(ref)).isTrue();
        // the version condition still holds: a second worker with the same read loses
        assertThat(tracker.save(racing)).isEqualTo(SaveOutcome.CONFLICT);
        assertThat(Long.parseLong(item(ref).get("version").n())).isEqualTo(read.shipment().version() + 1);
        assertThat(Long.parseLong(item(ref).get(DynamoDbShipmentTracker.CARRIER_CALLS).n())).isEqualTo(2);
    }

    @Test
    void everyWriteThatChangesWhatConsumersSeeClearsTheMarker() {
        Map<String, Consumer<ShipmentRef>> writers = new java.util.LinkedHashMap<>();
        writers.put("a poll with a new scan", ref -> {
            TrackingState read = tracker.load(ref).orElseThrow();
            OffsetDateTime t = OffsetDateTime.ofInstant(now.plusSeconds(7200), ZoneOffset.ofHours(-5));
            assertThat(tracker.save(progress.observed(read, new Observation(ShipmentStatus.OUT_FOR_DELIVERY, null, null, null,
                    null, List.of(new TrackingEvent(t, ShipmentStatus.OUT_FOR_DELIVERY, null, "OD", "Out", "Reno, NV, US")),
                    "OD"), now.plusSeconds(7300), true))).isEqualTo(SaveOutcome.SAVED);
        });
        writers.put("a delivery (expiry starts)", ref -> {
            TrackingState read = tracker.load(ref).orElseThrow();
            OffsetDateTime t = OffsetDateTime.ofInstant(now.plusSeconds(7200), ZoneOffset.ofHours(-5));
            assertThat(tracker.save(progress.observed(read, new Observation(ShipmentStatus.DELIVERED, null, null, t,
                    "FRONT DOOR", List.of(new TrackingEvent(t, ShipmentStatus.DELIVERED, null, "01", "Delivered", "Reno, NV, US")),
                    "01"), now.plusSeconds(7300), true))).isEqualTo(SaveOutcome.SAVED);
        });
        writers.put("the stall pass's flags", ref -> assertThat(stallWatch.setFlags(
                tracker.load(ref).orElseThrow().shipment(), true, false, DelayState.NONE, StallWatch.StallCheck.KEEP,
                now.plusSeconds(7300))).isTrue());
        writers.put("a cancel", ref -> assertThat(orders.cancelShipment(merchant, ref.orderNumber(), ref.shipmentId(),
                now.plusSeconds(7300))).isPresent());
        writers.put("stop tracking", ref -> assertThat(orders.stopTracking(merchant, ref.orderNumber(), ref.shipmentId(),
                now.plusSeconds(7300))).isPresent());
        int n = 10;
        for (Map.Entry<String, Consumer<ShipmentRef>> writer : writers.entrySet()) {
            ShipmentRef ref = polledAndLeased(Integer.toString(n++));
            writer.getValue().accept(ref);
            assertThat(scheduleOnly(ref)).as(writer.getKey()).isFalse();
        }
    }
}
