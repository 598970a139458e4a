package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.*;

import io.ordertracker.domain.Customer;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.orders.OrderStore;
import io.ordertracker.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Orders, shipments, events and idempotency keys in the single table. */
public final class DynamoDbOrderStore implements OrderStore {
    private static final String NOT_EXISTS = "attribute_not_exists(pk)";
    /** Idempotency keys are kept 30 days, the window in which a merchant's retry is plausible. */
    private static final long IDEMPOTENCY_TTL_SECONDS = 30L * 24 * 3600;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    /** The first try and three retries: about 175 ms at most in pauses, well inside the API's timeout. */
    static final int CONFLICT_ATTEMPTS = 4;
    private static final long CONFLICT_BACKOFF_MILLIS = 25;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbOrderStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public CreateOutcome create(Order order, List<Shipment> shipments, IdempotencyKey key) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(orderItem(order)));
        shipments.forEach(s -> writes.add(put(ShipmentItems.toItem(s))));
        if (key != null) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Keys.PK, s(Keys.idempotencyPk(key.merchantId(), key.keyHash())));
            item.put(Keys.SK, s(Keys.IDEMPOTENCY_SK));
            item.put(Keys.ENTITY, s("IDEMPOTENCY_KEY"));
            item.put("orderNumber", s(key.orderNumber()));
            item.put("requestHash", s(key.requestHash()));
            item.put(Keys.EXPIRES_AT, n(order.createdAt().getEpochSecond() + IDEMPOTENCY_TTL_SECONDS));
            writes.add(put(item));
        }
        Optional<TransactionCanceledException> cancelled = transact(writes);
        if (cancelled.isEmpty()) {
            return new CreateOutcome.Created();
        }
        TransactionCanceledException refused = cancelled.get();
        List<CancellationReason> reasons = refused.cancellationReasons();
        if (key != null && reasons.size() == writes.size()
                && CONDITION_FAILED.equals(reasons.get(writes.size() - 1).code())) {
            return new CreateOutcome.KeyExists();
        }
        if (!reasons.isEmpty() && CONDITION_FAILED.equals(reasons.get(0).code())) {
            return new CreateOutcome.OrderExists();
        }
        if (conflictOnly(refused)) {
            // Still racing after every retry: the other transaction has most likely committed by now, and then its
            // order is the answer (a replay or a 409), exactly as if our write had been refused by its condition.
            if (key != null && findIdempotencyKey(key.merchantId(), key.keyHash()).isPresent()) {
                return new CreateOutcome.KeyExists();
            }
            if (findOrder(order.merchantId(), order.orderNumber()).isPresent()) {
                return new CreateOutcome.OrderExists();
            }
        }
        throw refused;
    }

    /**
     * Runs one transaction; empty when it committed, else the cancellation to classify. A cancellation only for
     * {@code TransactionConflict} means another transaction held one of the items at that moment (two identical
     * requests racing): not an answer about our conditions, so the same transaction is tried again after a short
     * jittered pause, a bounded number of times, by which point the other one has usually committed and our
     * conditions give the real answer.
     */
    private Optional<TransactionCanceledException> transact(List<TransactWriteItem> writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return Optional.empty();
            } catch (TransactionCanceledException e) {
                if (!conflictOnly(e) || attempt == CONFLICT_ATTEMPTS) {
                    return Optional.of(e);
                }
                pauseBeforeRetry(attempt, e);
            }
        }
    }

    /** Cancelled for conflicts alone: no item's own condition failed. */
    static boolean conflictOnly(TransactionCanceledException e) {
        List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
        return codes.contains(TRANSACTION_CONFLICT) && !codes.contains(CONDITION_FAILED);
    }

    /** Full jitter on a doubling ceiling (25, 50, 100 ms), so racing retries spread out instead of colliding again. */
    private static void pauseBeforeRetry(int attempt, TransactionCanceledException conflict) {
        long ceilingMillis = CONFLICT_BACKOFF_MILLIS << (attempt - 1);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceilingMillis / 2, ceilingMillis + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw conflict;
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).conditionExpression(NOT_EXISTS).build()).build();
    }

    private static Map<String, AttributeValue> orderItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.orderPk(order.merchantId(), order.orderNumber())));
        item.put(Keys.SK, s(Keys.ORDER_SK));
        item.put(Keys.ENTITY, s("ORDER"));
        item.put("merchantId", s(order.merchantId()));
        item.put("orderNumber", s(order.orderNumber()));
        item.put("customer", s(Json.write(order.customer())));
        item.put("items", s(Json.write(order.items())));
        putIfPresent(item, "promisedDeliveryDate", order.promisedDeliveryDate());
        item.put("createdAt", s(order.createdAt().toString()));
        putIfPresent(item, "requestHash", order.requestHash());
        return item;
    }

    static Order orderFrom(Map<String, AttributeValue> item) {
        String promised = str(item, "promisedDeliveryDate");
        return new Order(str(item, "merchantId"), str(item, "orderNumber"),
                Json.read(str(item, "customer"), Customer.class),
                Arrays.asList(Json.read(str(item, "items"), OrderItem[].class)),
                promised == null ? null : LocalDate.parse(promised), instant(item, "createdAt"),
                str(item, "requestHash"));
    }

    @Override
    public Optional<Order> findOrder(String merchantId, String orderNumber) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(Keys.PK, s(Keys.orderPk(merchantId, orderNumber)), Keys.SK, s(Keys.ORDER_SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(orderFrom(item));
    }

    @Override
    public List<Shipment> findShipments(String merchantId, String orderNumber) {
        List<Shipment> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.orderPk(merchantId, orderNumber)),
                                ":prefix", s(Keys.SHIPMENT_SK_PREFIX))))
                .items().forEach(i -> out.add(ShipmentItems.fromItem(i)));
        out.sort(java.util.Comparator.comparing(Shipment::createdAt).thenComparing(Shipment::shipmentId));
        return out;
    }

    @Override
    public List<TrackingEvent> findEvents(String shipmentId, int limit) {
        QueryResponse page = dynamo.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.eventsPk(shipmentId))))
                .scanIndexForward(false)
                .limit(limit));
        return page.items().stream().map(DynamoDbOrderStore::eventFrom).toList();
    }

    /** Event items are written by the tracking worker; this is their shape. */
    public static TrackingEvent eventFrom(Map<String, AttributeValue> item) {
        String time = str(item, "time");
        return new TrackingEvent(time == null ? null : OffsetDateTime.parse(time),
                ShipmentStatus.valueOf(str(item, "status")), ExceptionReason.valueOf(str(item, "reason")),
                str(item, "carrierCode"), str(item, "description"), str(item, "location"));
    }

    @Override
    public Optional<IdempotencyKey> findIdempotencyKey(String merchantId, String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(Keys.PK, s(Keys.idempotencyPk(merchantId, keyHash)), Keys.SK, s(Keys.IDEMPOTENCY_SK))))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdempotencyKey(merchantId, keyHash, str(item, "orderNumber"), str(item, "requestHash")));
    }

    @Override
    public AddShipmentOutcome addShipment(Shipment shipment) {
        Map<String, AttributeValue> orderKey = Map.of(
                Keys.PK, s(Keys.orderPk(shipment.merchantId(), shipment.orderNumber())), Keys.SK, s(Keys.ORDER_SK));
        Optional<TransactionCanceledException> cancelled = transact(List.of(
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(orderKey)
                        .conditionExpression("attribute_exists(pk)")).build(),
                put(ShipmentItems.toItem(shipment))));
        if (cancelled.isEmpty()) {
            return new AddShipmentOutcome.Added(shipment);
        }
        TransactionCanceledException e = cancelled.get();
        if (CONDITION_FAILED.equals(e.cancellationReasons().get(0).code())) {
            return new AddShipmentOutcome.NoSuchOrder();
        }
        // The shipment is there already, or (still racing after every retry) most likely is by now.
        return new AddShipmentOutcome.AlreadyPresent(findShipment(shipment.merchantId(), shipment.orderNumber(),
                shipment.shipmentId()).orElseThrow(() -> e));
    }

    @Override
    public Optional<Shipment> findShipment(String merchantId, String orderNumber, String shipmentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(shipmentKey(merchantId, orderNumber, shipmentId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ShipmentItems.fromItem(item));
    }

    @Override
    public Optional<Shipment> stopTracking(String merchantId, String orderNumber, String shipmentId, Instant now) {
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table)
                    .key(shipmentKey(merchantId, orderNumber, shipmentId))
                    .updateExpression("SET active = :false, updatedAt = :now, version = version + :one "
                            + "REMOVE pollShard, nextPollAt")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":false", bool(false), ":now", s(now.toString()), ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(ShipmentItems.fromItem(updated));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static Map<String, AttributeValue> shipmentKey(String merchantId, String orderNumber, String shipmentId) {
        return Map.of(Keys.PK, s(Keys.orderPk(merchantId, orderNumber)), Keys.SK, s(Keys.shipmentSk(shipmentId)));
    }
}
