package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.domain.notify.NotificationKeys;
import io.ordertracker.domain.notify.NotificationLedger;
import io.ordertracker.domain.orders.OrderErasure;
import io.ordertracker.domain.orders.OrderStore.IdempotencyKey;
import io.ordertracker.domain.orders.TrackingTokens;
import io.ordertracker.domain.polling.Observation;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.ShipmentTracker.SaveOutcome;
import io.ordertracker.domain.polling.TrackingProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Retention (the TTL attribute on what a shipment's end lets go) and erasure, on DynamoDB Local. */
class RetentionAndErasureIT {
    private static final RetentionPolicy RETENTION = RetentionPolicy.ofDays(30);
    private static final long RETENTION_SECONDS = Duration.ofDays(30).toSeconds();

    private final DynamoDbOrderStore orders = new DynamoDbOrderStore(LocalTable.CLIENT, LocalTable.TABLE, RETENTION);
    private final DynamoDbShipmentTracker tracker = new DynamoDbShipmentTracker(LocalTable.CLIENT, LocalTable.TABLE, RETENTION);
    private final DynamoDbNotificationLedger ledger = new DynamoDbNotificationLedger(LocalTable.CLIENT, LocalTable.TABLE,
            Duration.ofSeconds(120), RETENTION);
    private final DynamoDbTrackingPageReader pages = new DynamoDbTrackingPageReader(LocalTable.CLIENT, LocalTable.TABLE);
    private final TrackingProgress progress = new TrackingProgress(new PollCadence(PollingSettings.defaults()));
    private final String merchant = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final Instant created = Instant.parse("2026-11-16T15:00:00Z");

    private Order order(String number) {
        return new Order(merchant, number, new Customer("Ada Lovelace", "ada@example.com", "+15555550123", "UTC", "en"),
                List.of(new OrderItem("Mug", 1, null)), null, created, "h");
    }

    private Shipment shipment(String number, String suffix) {
        String id = "shp_" + number + suffix + "_" + merchant;
        return Shipment.newShipment(merchant, number, id, Carrier.UPS, "1Z5R8939035756712" + suffix.length(),
                new TrackingTokens().get(), created);
    }

    private static TrackingEvent ev(OffsetDateTime t, ShipmentStatus status, String code) {
        return new TrackingEvent(t, status, null, code, code, "Louisville, KY, US");
    }

    private void observe(Shipment s, ShipmentStatus status, Instant at) {
        ShipmentRef ref = new ShipmentRef(merchant, s.orderNumber(), s.shipmentId());
        OffsetDateTime t = OffsetDateTime.ofInstant(at.minusSeconds(600), ZoneOffset.ofHours(-5));
        Observation o = new Observation(status, null, null, status == ShipmentStatus.DELIVERED ? t : null,
                status == ShipmentStatus.DELIVERED ? "A. LOVELACE" : null, List.of(ev(t, status, status.name())),
                status.name());
        assertThat(tracker.save(progress.observed(tracker.load(ref).orElseThrow(), o, at, true)))
                .isEqualTo(SaveOutcome.SAVED);
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return LocalTable.CLIENT.getItem(b -> b.tableName(LocalTable.TABLE).consistentRead(true)
                .key(Map.of(Keys.PK, Attr.s(pk), Keys.SK, Attr.s(sk)))).item();
    }

    private List<Map<String, AttributeValue>> partition(String pk) {
        return LocalTable.CLIENT.query(b -> b.tableName(LocalTable.TABLE).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", Attr.s(pk)))).items();
    }

    private Long expiresAt(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(Keys.EXPIRES_AT);
        return v == null ? null : Long.parseLong(v.n());
    }

    @Test
    void aDeliveredShipmentExpiresWithItsEventsAndOrderRetentionAfterDelivery() {
        Shipment s = shipment("r1", "a");
        orders.create(order("r1"), List.of(s), null);
        Instant inTransitAt = created.plus(Duration.ofHours(20));
        observe(s, ShipmentStatus.IN_TRANSIT, inTransitAt);

        String orderPk = Keys.orderPk(merchant, "r1");
        assertThat(expiresAt(item(orderPk, Keys.shipmentSk(s.shipmentId())))).as("a live shipment").isNull();
        assertThat(expiresAt(item(orderPk, Keys.ORDER_SK))).as("the order of a live shipment").isNull();
        assertThat(partition(Keys.eventsPk(s.shipmentId()))).hasSize(1).allSatisfy(e -> assertThat(expiresAt(e)).isNull());

        Instant deliveredAt = created.plus(Duration.ofDays(2));
        observe(s, ShipmentStatus.DELIVERED, deliveredAt);
        long expected = deliveredAt.getEpochSecond() + RETENTION_SECONDS;
        assertThat(expiresAt(item(orderPk, Keys.shipmentSk(s.shipmentId())))).isEqualTo(expected);
        assertThat(expiresAt(item(orderPk, Keys.ORDER_SK))).isEqualTo(expected);
        assertThat(partition(Keys.eventsPk(s.shipmentId()))).as("the in-transit scan and the delivery").hasSize(2)
                .allSatisfy(e -> assertThat(expiresAt(e)).isEqualTo(expected));

        Instant expiry = Instant.ofEpochSecond(expected);
        assertThat(pages.read(s.trackingToken(), expiry.minusSeconds(1))).isPresent();
        assertThat(pages.read(s.trackingToken(), expiry)).as("the page past retention").isEmpty();
    }

    @Test
    void theOrderWaitsForItsLastShipmentAndStoppingTrackingStartsTheClock() {
        Shipment a = shipment("r2", "a");
        Shipment b = shipment("r2", "bb");
        orders.create(order("r2"), List.of(a, b), null);
        String orderPk = Keys.orderPk(merchant, "r2");

        Instant deliveredAt = created.plus(Duration.ofDays(3));
        observe(a, ShipmentStatus.DELIVERED, deliveredAt);
        assertThat(expiresAt(item(orderPk, Keys.shipmentSk(a.shipmentId()))))
                .isEqualTo(deliveredAt.getEpochSecond() + RETENTION_SECONDS);
        assertThat(expiresAt(item(orderPk, Keys.ORDER_SK))).as("b is still live").isNull();

        observe(b, ShipmentStatus.IN_TRANSIT, created.plus(Duration.ofDays(1)));
        Instant stoppedAt = created.plus(Duration.ofDays(5));
        assertThat(orders.stopTracking(merchant, "r2", b.shipmentId(), stoppedAt)).isPresent();
        long expected = stoppedAt.getEpochSecond() + RETENTION_SECONDS;
        assertThat(expiresAt(item(orderPk, Keys.shipmentSk(b.shipmentId())))).isEqualTo(expected);
        assertThat(partition(Keys.eventsPk(b.shipmentId()))).hasSize(1)
                .allSatisfy(e -> assertThat(expiresAt(e)).isEqualTo(expected));
        assertThat(expiresAt(item(orderPk, Keys.ORDER_SK))).as("the later of the two").isEqualTo(expected);
    }

    @Test
    void anOrderWithoutShipmentsExpiresFromItsCreationUntilAParcelIsAdded() {
        orders.create(order("r3"), List.of(), null);
        String orderPk = Keys.orderPk(merchant, "r3");
        assertThat(expiresAt(item(orderPk, Keys.ORDER_SK))).isEqualTo(created.getEpochSecond() + RETENTION_SECONDS);

        orders.addShipment(shipment("r3", "a"), 50);
        assertThat(expiresAt(item(orderPk, Keys.ORDER_SK))).as("a live parcel keeps its order").isNull();
    }

    @Test
    void anErasedOrderLeavesNothingReadableAndItsLedgerStillRefusesASecondSend() {
        Shipment s = shipment("ERASE-77", "a");
        orders.create(order("ERASE-77"), List.of(s), new IdempotencyKey(merchant, "keyhash-" + merchant, "ERASE-77", "h"));
        observe(s, ShipmentStatus.IN_TRANSIT, created.plus(Duration.ofHours(5)));
        observe(s, ShipmentStatus.DELIVERED, created.plus(Duration.ofDays(1)));
        NotificationJob confirmed = job("ERASE-77", null, Milestone.ORDER_CONFIRMED, Channel.EMAIL);
        NotificationJob delivered = job("ERASE-77", s.shipmentId(), Milestone.DELIVERED, Channel.SMS);
        NotificationJob otherOrder = job("KEEP-1", null, Milestone.ORDER_CONFIRMED, Channel.EMAIL);
        for (NotificationJob j : List.of(confirmed, delivered, otherOrder)) {
            var claim = ledger.claim(j, created.plus(Duration.ofDays(1)));
            ledger.markSent(j, claim.token(), "provider-msg-" + j.milestone(), created.plus(Duration.ofDays(1)));
        }
        assertThat(pages.read(s.trackingToken(), created.plus(Duration.ofDays(2)))).isPresent();

        Instant erasedAt = created.plus(Duration.ofDays(2));
        OrderErasure erasure = new OrderErasure(orders, ledger, Clock.fixed(erasedAt, ZoneOffset.UTC));
        assertThat(erasure.erase(merchant, "ERASE-77")).contains(new OrderErasure.Erased(1, 2, 2));

        assertThat(partition(Keys.orderPk(merchant, "ERASE-77"))).as("order and shipment items").isEmpty();
        assertThat(partition(Keys.eventsPk(s.shipmentId()))).as("events").isEmpty();
        assertThat(item(Keys.idempotencyPk(merchant, "keyhash-" + merchant), Keys.IDEMPOTENCY_SK)).isEmpty();
        assertThat(pages.read(s.trackingToken(), erasedAt)).as("the page").isEmpty();

        List<Map<String, AttributeValue>> entries = partition(Keys.notificationPk(merchant, "ERASE-77"));
        assertThat(entries).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.toString()).doesNotContain("ERASE-77", "ada@example.com", "+15555550123", "Lovelace",
                    "provider-msg-", s.shipmentId());
            assertThat(entry.get("state").s()).isEqualTo("SENT");
            assertThat(entry).containsKeys("claimedAt", "sentAt", DynamoDbNotificationLedger.ERASED_AT, Keys.EXPIRES_AT);
        });
        assertThat(ledger.state(delivered)).contains(NotificationLedger.State.SENT);
        assertThat(ledger.claim(delivered, erasedAt.plusSeconds(60)).claim())
                .as("a redelivered job").isEqualTo(NotificationLedger.Claim.ALREADY_DONE);
        assertThat(ledger.entry(otherOrder).get("orderNumber").s()).as("another order's entry").isEqualTo("KEEP-1");

        assertThat(erasure.erase(merchant, "ERASE-77")).as("a second erasure").isEmpty();
    }

    @Test
    void aLedgerEntryExpiresRetentionAfterItsClaim() {
        NotificationJob j = job("r5", null, Milestone.ORDER_CONFIRMED, Channel.EMAIL);
        Instant at = created.plus(Duration.ofHours(1));
        ledger.claim(j, at);
        assertThat(expiresAt(ledger.entry(j))).isEqualTo(at.getEpochSecond() + RETENTION_SECONDS);
    }

    private NotificationJob job(String orderNumber, String shipmentId, Milestone milestone, Channel channel) {
        return new NotificationJob(NotificationKeys.key(merchant, orderNumber,
                shipmentId == null ? NotificationKeys.ORDER_SUBJECT : shipmentId, milestone, null, channel),
                merchant, orderNumber, shipmentId, milestone, null, null, channel, created);
    }
}
