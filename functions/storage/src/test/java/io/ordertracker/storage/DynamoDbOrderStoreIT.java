package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.orders.OrderStore.AddShipmentOutcome;
import io.ordertracker.domain.orders.OrderStore.CreateOutcome;
import io.ordertracker.domain.orders.OrderStore.IdempotencyKey;
import io.ordertracker.local.emulators.TransactionConflicts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbOrderStoreIT {
    private final DynamoDbOrderStore store = new DynamoDbOrderStore(LocalTable.CLIENT, LocalTable.TABLE);
    private final Instant now = Instant.parse("2026-11-20T10:00:00Z");
    private final String merchant = "m_" + UUID.randomUUID();
    /** DynamoDB Local never reports TransactionConflict itself; this client stages the lost race on the wire. */
    private final TransactionConflicts conflicts = new TransactionConflicts();
    private final DynamoDbOrderStore racing = new DynamoDbOrderStore(conflicts.client(LocalTable.DYNAMO.endpoint()),
            LocalTable.TABLE);

    private Order order(String number) {
        return new Order(merchant, number, new Customer("Ada", "ada@example.com", "+15555550123", "America/New_York", "en-US"),
                List.of(new OrderItem("Mug", 1, null)), LocalDate.parse("2026-11-25"), now, "hash-" + number);
    }

    private Shipment shipment(String number, String id) {
        return Shipment.newShipment(merchant, number, id, Carrier.UPS, "1Z5R89390357567127", "tok" + id, now);
    }

    @Test
    void writesOrderAndShipmentsTogetherAndReadsThemBack() {
        assertThat(store.create(order("1001"), List.of(shipment("1001", "a"), shipment("1001", "b")), null))
                .isInstanceOf(CreateOutcome.Created.class);
        assertThat(store.findOrder(merchant, "1001")).get().satisfies(o -> {
            assertThat(o.customer().email()).isEqualTo("ada@example.com");
            assertThat(o.items()).containsExactly(new OrderItem("Mug", 1, null));
            assertThat(o.promisedDeliveryDate()).isEqualTo(LocalDate.parse("2026-11-25"));
        });
        assertThat(store.findShipments(merchant, "1001")).extracting(Shipment::shipmentId).containsExactly("a", "b");
    }

    @Test
    void secondCreateOfSameOrderNumberWritesNothing() {
        store.create(order("2001"), List.of(shipment("2001", "a")), null);
        Order other = order("2001");
        assertThat(store.create(other, List.of(shipment("2001", "z")), null)).isInstanceOf(CreateOutcome.OrderExists.class);
        assertThat(store.findShipments(merchant, "2001")).extracting(Shipment::shipmentId).containsExactly("a");
    }

    @Test
    void idempotencyKeyIsClaimedOnce() {
        IdempotencyKey key = new IdempotencyKey(merchant, "kh", "3001", "h1");
        assertThat(store.create(order("3001"), List.of(), key)).isInstanceOf(CreateOutcome.Created.class);
        IdempotencyKey reuse = new IdempotencyKey(merchant, "kh", "3002", "h2");
        assertThat(store.create(order("3002"), List.of(), reuse)).isInstanceOf(CreateOutcome.KeyExists.class);
        assertThat(store.findOrder(merchant, "3002")).isEmpty();
        assertThat(store.findIdempotencyKey(merchant, "kh")).contains(key);
    }

    @Test
    void merchantsNeverSeeEachOthersOrders() {
        store.create(order("4001"), List.of(shipment("4001", "a")), null);
        assertThat(store.findOrder("m_someone_else", "4001")).isEmpty();
        assertThat(store.findShipments("m_someone_else", "4001")).isEmpty();
    }

    @Test
    void addShipmentNeedsTheOrderAndIsIdempotent() {
        store.create(order("5001"), List.of(), null);
        assertThat(store.addShipment(shipment("5001", "p1"), 50)).isInstanceOf(AddShipmentOutcome.Added.class);
        assertThat(store.addShipment(shipment("5001", "p1"), 50)).isInstanceOf(AddShipmentOutcome.AlreadyPresent.class);
        assertThat(store.addShipment(shipment("5999", "p1"), 50)).isInstanceOf(AddShipmentOutcome.NoSuchOrder.class);
    }

    @Test
    void stopTrackingLeavesThePollingIndex() {
        store.create(order("6001"), List.of(shipment("6001", "s1")), null);
        var raw = LocalTable.CLIENT.getItem(b -> b.tableName(LocalTable.TABLE).key(Map.of(
                "pk", Attr.s(Keys.orderPk(merchant, "6001")), "sk", Attr.s(Keys.shipmentSk("s1"))))).item();
        assertThat(raw).containsKeys("pollShard", "nextPollAt");
        Shipment stopped = store.stopTracking(merchant, "6001", "s1", now.plusSeconds(5)).orElseThrow();
        assertThat(stopped.active()).isFalse();
        assertThat(stopped.nextPollAt()).isNull();
        assertThat(store.stopTracking(merchant, "6001", "nope", now)).isEmpty();
    }

    @Test
    void aCreateThatLosesARaceIsTriedAgainAndMeetsTheWinnersOrder() {
        conflicts.refuseNext(1, () -> store.create(order("7001"), List.of(shipment("7001", "a")), null));
        assertThat(racing.create(order("7001"), List.of(shipment("7001", "a")), null))
                .isInstanceOf(CreateOutcome.OrderExists.class);
        assertThat(conflicts.refused()).isEqualTo(1);

        IdempotencyKey key = new IdempotencyKey(merchant, "race-key", "7002", "hash-7002");
        conflicts.refuseNext(1, () -> store.create(order("7002"), List.of(), key));
        assertThat(racing.create(order("7002"), List.of(), key)).isInstanceOf(CreateOutcome.KeyExists.class);
        assertThat(conflicts.refused()).isEqualTo(2);
    }

    @Test
    void aConflictWithNoWinnerIsTriedAgainUntilTheCreateCommits() {
        conflicts.refuseNext(DynamoDbOrderStore.CONFLICT_ATTEMPTS - 1, () -> { });
        assertThat(racing.create(order("7101"), List.of(shipment("7101", "a")), null))
                .isInstanceOf(CreateOutcome.Created.class);
        assertThat(conflicts.refused()).isEqualTo(DynamoDbOrderStore.CONFLICT_ATTEMPTS - 1);
        assertThat(store.findShipments(merchant, "7101")).extracting(Shipment::shipmentId).containsExactly("a");
    }

    @Test
    void conflictsOnEveryAttemptEndInReadingTheWinnersOrder() {
        AtomicBoolean winnerWrote = new AtomicBoolean();
        conflicts.refuseNext(100, () -> {
            if (winnerWrote.compareAndSet(false, true)) {
                store.create(order("7201"), List.of(shipment("7201", "a")), null);
            }
        });
        assertThat(racing.create(order("7201"), List.of(shipment("7201", "a")), null))
                .isInstanceOf(CreateOutcome.OrderExists.class);
        assertThat(conflicts.refused()).isEqualTo(DynamoDbOrderStore.CONFLICT_ATTEMPTS);
    }

    @Test
    void conflictsThatNeverClearAndLeaveNoOrderAreNotPassedOffAsAnAnswer() {
        conflicts.refuseNext(100, () -> { });
        assertThatThrownBy(() -> racing.create(order("7301"), List.of(shipment("7301", "a")), null))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(e.cancellationReasons())
                        .extracting(CancellationReason::code).containsOnly("TransactionConflict"));
        assertThat(conflicts.refused()).isEqualTo(DynamoDbOrderStore.CONFLICT_ATTEMPTS);
        assertThat(store.findOrder(merchant, "7301")).isEmpty();
    }

    @Test
    void anAddedShipmentThatLosesARaceIsTheWinnersShipment() {
        store.create(order("7401"), List.of(), null);
        conflicts.refuseNext(1, () -> store.addShipment(shipment("7401", "p1"), 50));
        assertThat(racing.addShipment(shipment("7401", "p1"), 50)).isInstanceOfSatisfying(
                AddShipmentOutcome.AlreadyPresent.class, p -> assertThat(p.shipment().shipmentId()).isEqualTo("p1"));
        assertThat(conflicts.refused()).isEqualTo(1);
    }
}
