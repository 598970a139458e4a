package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.*;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.orders.OrderEdit;
import io.ordertracker.domain.orders.OrderListPosition;
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
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Orders, shipments, events and idempotency keys in the single table. Retention ({@link RetentionPolicy}): an order
 * created without shipments expires on its own; stopping a shipment starts its expiry (and its events', and the
 * order's once all have ended); adding a shipment keeps the order until that one ends too.
 */
public final class DynamoDbOrderStore implements OrderStore {
    private static final String NOT_EXISTS = "attribute_not_exists(pk)";
    /** Idempotency keys are kept 30 days, the window in which a merchant's retry is plausible. */
    private static final long IDEMPOTENCY_TTL_SECONDS = 30L * 24 * 3600;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    /** The first try and three retries: about 175 ms at most in pauses, well inside the API's timeout. */
    static final int CONFLICT_ATTEMPTS = 4;
    private static final long CONFLICT_BACKOFF_MILLIS = 25;

    /** On the order item: the hash of the Idempotency-Key that created it, so an erasure can delete that item. */
    static final String IDEMPOTENCY_KEY_HASH = "idempotencyKeyHash";

    private final DynamoDbClient dynamo;
    private final String table;
    private final ShopperDataExpiry expiry;

    public DynamoDbOrderStore(DynamoDbClient dynamo, String table, RetentionPolicy retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.expiry = new ShopperDataExpiry(dynamo, table, retention);
    }

    /** With the default retention (tests). */
    public DynamoDbOrderStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, RetentionPolicy.DEFAULT);
    }

    @Override
    public CreateOutcome create(Order order, List<Shipment> shipments, IdempotencyKey key) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> orderItem = orderItem(order, shipments.size());
        if (shipments.isEmpty()) {
            expiry.policy().orderExpiry(order, shipments)
                    .ifPresent(e -> orderItem.put(Keys.EXPIRES_AT, n(e.getEpochSecond())));
        }
        if (key != null) {
            orderItem.put(IDEMPOTENCY_KEY_HASH, s(key.keyHash()));
        }
        writes.add(put(orderItem));
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

    private static Map<String, AttributeValue> orderItem(Order order, int shipmentCount) {
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
        item.put("version", n(order.version()));
        item.put("shipmentCount", n(shipmentCount));
        item.put(Keys.MERCHANT_ORDERS_PK, s(order.merchantId()));
        item.put(Keys.MERCHANT_ORDERS_SK, s(Keys.merchantOrdersSk(order.createdAt(), order.orderNumber())));
        return item;
    }

    static Order orderFrom(Map<String, AttributeValue> item) {
        String promised = str(item, "promisedDeliveryDate");
        return new Order(str(item, "merchantId"), str(item, "orderNumber"),
                Json.read(str(item, "customer"), Customer.class),
                Arrays.asList(Json.read(str(item, "items"), OrderItem[].class)),
                promised == null ? null : LocalDate.parse(promised), instant(item, "createdAt"),
                str(item, "requestHash"), instant(item, "updatedAt"), instant(item, "cancelledAt"),
                num(item, "version", 0));
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

    /**
     * The order's {@code shipmentCount} goes up in the same transaction as the parcel's put, conditional on the
     * limit, so concurrent adds cannot pass it. (An order written before the count existed counts from zero.)
     */
    @Override
    public AddShipmentOutcome addShipment(Shipment shipment, int maxShipments) {
        Map<String, AttributeValue> orderKey = Map.of(
                Keys.PK, s(Keys.orderPk(shipment.merchantId(), shipment.orderNumber())), Keys.SK, s(Keys.ORDER_SK));
        // A live parcel keeps its order: an expiry the order had (created without shipments, or all of them ended)
        // goes until this one ends too. The order's shipmentCount goes up in the same transaction, within the limit.
        Optional<TransactionCanceledException> cancelled = transact(List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(orderKey)
                        .updateExpression("SET shipmentCount = if_not_exists(shipmentCount, :zero) + :one REMOVE #e")
                        .expressionAttributeNames(Map.of("#e", Keys.EXPIRES_AT))
                        .conditionExpression("attribute_exists(pk) AND attribute_not_exists(cancelledAt) "
                                + "AND (attribute_not_exists(shipmentCount) OR shipmentCount < :max)")
                        .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":max", n(maxShipments))))
                        .build(),
                put(ShipmentItems.toItem(shipment))));
        if (cancelled.isEmpty()) {
            return new AddShipmentOutcome.Added(shipment);
        }
        TransactionCanceledException e = cancelled.get();
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons.size() > 1 && CONDITION_FAILED.equals(reasons.get(1).code())) {
            Optional<Shipment> present = findShipment(shipment.merchantId(), shipment.orderNumber(), shipment.shipmentId());
            if (present.isPresent()) {
                return new AddShipmentOutcome.AlreadyPresent(present.get());
            }
        }
        if (CONDITION_FAILED.equals(reasons.get(0).code())) {
            Optional<Order> order = findOrder(shipment.merchantId(), shipment.orderNumber());
            if (order.isEmpty()) {
                return new AddShipmentOutcome.NoSuchOrder();
            }
            return order.get().cancelled() ? new AddShipmentOutcome.OrderCancelled()
                    : new AddShipmentOutcome.TooManyShipments();
        }
        // Still racing after every retry: the shipment is most likely there by now.
        return new AddShipmentOutcome.AlreadyPresent(findShipment(shipment.merchantId(), shipment.orderNumber(),
                shipment.shipmentId()).orElseThrow(() -> e));
    }

    @Override
    public EditOutcome edit(String merchantId, String orderNumber, OrderEdit edit, long expectedVersion, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":customer", s(Json.write(edit.customer())));
        values.put(":items", s(Json.write(edit.items())));
        values.put(":now", s(now.toString()));
        values.put(":expected", n(expectedVersion));
        values.put(":next", n(expectedVersion + 1));
        String update = "SET customer = :customer, #items = :items, updatedAt = :now, version = :next";
        if (edit.promisedDeliveryDate() != null) {
            values.put(":promised", s(edit.promisedDeliveryDate().toString()));
            update += ", promisedDeliveryDate = :promised";
        } else {
            update += " REMOVE promisedDeliveryDate";
        }
        String expression = update;
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table)
                    .key(orderKey(merchantId, orderNumber))
                    .updateExpression(expression)
                    .expressionAttributeNames(Map.of("#items", "items")) // a reserved word
                    // an order written before versions existed reads as version 0
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(version) OR version = :expected)")
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new EditOutcome.Edited(orderFrom(updated));
        } catch (ConditionalCheckFailedException e) {
            return findOrder(merchantId, orderNumber).isPresent() ? new EditOutcome.Conflict() : new EditOutcome.NoSuchOrder();
        }
    }

    @Override
    public Optional<Order> markCancelled(String merchantId, String orderNumber, Instant now) {
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table)
                    .key(orderKey(merchantId, orderNumber))
                    .updateExpression("SET cancelledAt = :now, updatedAt = :now, version = if_not_exists(version, :zero) + :one")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(cancelledAt)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":zero", n(0), ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(orderFrom(updated));
        } catch (ConditionalCheckFailedException e) {
            return findOrder(merchantId, orderNumber); // already cancelled (kept as it was), or no such order
        }
    }

    /** Retries a write that lost to a carrier update a few times: the carrier's news is kept, the cancel wins. */
    @Override
    public Optional<Shipment> cancelShipment(String merchantId, String orderNumber, String shipmentId, Instant now) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Shipment> current = findShipment(merchantId, orderNumber, shipmentId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Shipment s = current.get();
            if (!s.active() && s.status().isTerminal()) {
                return current;
            }
            String status = s.status().isTerminal() ? s.status().name() : ShipmentStatus.CANCELLED.name();
            try {
                Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table)
                        .key(shipmentKey(merchantId, orderNumber, shipmentId))
                        .updateExpression("SET active = :false, #status = :status, reason = :none, updatedAt = :now, "
                                + "version = version + :one REMOVE pollShard, nextPollAt, " + ShipmentItems.SCHEDULE_ONLY)
                        .conditionExpression("attribute_exists(pk) AND version = :expected")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":false", bool(false), ":status", s(status),
                                ":none", s(s.status().isTerminal() ? s.reason().name() : ExceptionReason.NONE.name()),
                                ":now", s(now.toString()), ":one", n(1), ":expected", n(s.version())))
                        .returnValues(ReturnValue.ALL_NEW)).attributes();
                return Optional.of(ShipmentItems.fromItem(updated));
            } catch (ConditionalCheckFailedException e) {
                // a carrier update came in between: read it and cancel again
            }
        }
        throw new IllegalStateException("shipment " + shipmentId + " kept changing while being cancelled");
    }

    @Override
    public OrderPage listOrders(String merchantId, Instant createdSince, OrderListPosition after, int pageSize) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":m", s(merchantId));
        String condition = Keys.MERCHANT_ORDERS_PK + " = :m";
        if (createdSince != null) {
            values.put(":since", s(Keys.merchantOrdersSk(createdSince, "")));
            condition += " AND " + Keys.MERCHANT_ORDERS_SK + " >= :since";
        }
        // The start key is rebuilt from the caller's own merchant id: a position can only point into its own list.
        Map<String, AttributeValue> start = after == null ? null : Map.of(
                Keys.PK, s(Keys.orderPk(merchantId, after.orderNumber())), Keys.SK, s(Keys.ORDER_SK),
                Keys.MERCHANT_ORDERS_PK, s(merchantId),
                Keys.MERCHANT_ORDERS_SK, s(Keys.merchantOrdersSk(after.createdAt(), after.orderNumber())));
        String keyCondition = condition;
        QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(Keys.INDEX_ORDERS_BY_MERCHANT)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .exclusiveStartKey(start)
                .limit(pageSize));
        List<Order> orders = page.items().stream().map(DynamoDbOrderStore::orderFrom).toList();
        return new OrderPage(orders, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty());
    }

    /**
     * The carrier index spans merchants: only matches under this merchant's own order partitions count, and the
     * order number is read from that partition key (order numbers contain no '#').
     */
    @Override
    public List<String> findOrderNumbersByTracking(String merchantId, Carrier carrier, String trackingNumber) {
        String prefix = Keys.orderPk(merchantId, "");
        List<String> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.INDEX_BY_CARRIER_TRACKING)
                        .keyConditionExpression("carrierTracking = :ct")
                        .filterExpression("begins_with(pk, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":ct", s(Keys.carrierTracking(carrier.code(), trackingNumber)), ":prefix", s(prefix))))
                .items().forEach(item -> {
                    String pk = str(item, Keys.PK);
                    String orderNumber = pk.substring(prefix.length());
                    if (!orderNumber.contains("#") && !out.contains(orderNumber)) {
                        out.add(orderNumber);
                    }
                });
        return out;
    }

    private static Map<String, AttributeValue> orderKey(String merchantId, String orderNumber) {
        return Map.of(Keys.PK, s(Keys.orderPk(merchantId, orderNumber)), Keys.SK, s(Keys.ORDER_SK));
    }

    @Override
    public Optional<Shipment> findShipment(String merchantId, String orderNumber, String shipmentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(shipmentKey(merchantId, orderNumber, shipmentId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ShipmentItems.fromItem(item));
    }

    @Override
    public Optional<String> findSignedBy(String merchantId, String orderNumber, String shipmentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(shipmentKey(merchantId, orderNumber, shipmentId))
                .projectionExpression("#s").expressionAttributeNames(Map.of("#s", DynamoDbShipmentTracker.SIGNED_BY))).item();
        AttributeValue value = item == null ? null : item.get(DynamoDbShipmentTracker.SIGNED_BY);
        return value == null || value.s() == null || value.s().isBlank() ? Optional.empty() : Optional.of(value.s());
    }

    /** Also starts the shipment's retention: its item, its events and, if it was the last live one, the order. */
    @Override
    public Optional<Shipment> stopTracking(String merchantId, String orderNumber, String shipmentId, Instant now) {
        Shipment stopped;
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table)
                    .key(shipmentKey(merchantId, orderNumber, shipmentId))
                    .updateExpression("SET active = :false, updatedAt = :now, version = version + :one "
                            + "REMOVE pollShard, nextPollAt, " + ShipmentItems.SCHEDULE_ONLY)
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":false", bool(false), ":now", s(now.toString()), ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            stopped = ShipmentItems.fromItem(updated);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        Instant expiresAt = expiry.policy().shipmentExpiry(stopped)
                .orElseThrow(() -> new IllegalStateException("a stopped shipment has ended"));
        // Events and order first: if the shipment's own expiry below fails, the merchant's retry does it all again.
        expiry.events(shipmentId, expiresAt);
        expiry.settleOrder(merchantId, orderNumber, stopped);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(shipmentKey(merchantId, orderNumber, shipmentId))
                    .updateExpression("SET #e = :e " + ShipmentItems.CHANGED).conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#e", Keys.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":e", n(expiresAt.getEpochSecond()))));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty(); // erased in between
        }
        return Optional.of(stopped);
    }

    /**
     * Events of each shipment, then the shipments, the idempotency key, and the order item last (see the port).
     * Deletes go in batches; an item a concurrent TTL deletion removed first is simply not there any more.
     */
    @Override
    public Optional<Erased> erase(String merchantId, String orderNumber) {
        String pk = Keys.orderPk(merchantId, orderNumber);
        Map<String, AttributeValue> order = null;
        List<Map<String, AttributeValue>> others = new ArrayList<>();
        List<String> shipmentIds = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk)))).items()) {
            String sk = str(item, Keys.SK);
            if (Keys.ORDER_SK.equals(sk)) {
                order = item;
                continue;
            }
            if (sk.startsWith(Keys.SHIPMENT_SK_PREFIX)) {
                shipmentIds.add(str(item, "shipmentId"));
            }
            others.add(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK)));
        }
        if (order == null) {
            return Optional.empty();
        }
        int events = 0;
        for (String shipmentId : shipmentIds) {
            List<Map<String, AttributeValue>> eventKeys = new ArrayList<>();
            dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk").projectionExpression("pk, sk")
                            .expressionAttributeValues(Map.of(":pk", s(Keys.eventsPk(shipmentId)))))
                    .items().forEach(eventKeys::add);
            deleteAll(eventKeys);
            events += eventKeys.size();
        }
        String keyHash = str(order, IDEMPOTENCY_KEY_HASH);
        if (keyHash != null) {
            others.add(Map.of(Keys.PK, s(Keys.idempotencyPk(merchantId, keyHash)), Keys.SK, s(Keys.IDEMPOTENCY_SK)));
        }
        deleteAll(others);
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.ORDER_SK))));
        return Optional.of(new Erased(shipmentIds.size(), events));
    }

    /** BatchWriteItem, 25 keys a request, re-sending what DynamoDB left unprocessed (with a short back-off). */
    private void deleteAll(List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += 25) {
            List<WriteRequest> batch = keys.subList(from, Math.min(keys.size(), from + 25)).stream()
                    .map(k -> WriteRequest.builder().deleteRequest(d -> d.key(k)).build()).toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == 8) {
                    throw new IllegalStateException("DynamoDB kept throttling the erasure; retry it");
                }
                if (attempt > 0) {
                    backOff(attempt);
                }
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(25L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while erasing", e);
        }
    }

    private static Map<String, AttributeValue> shipmentKey(String merchantId, String orderNumber, String shipmentId) {
        return Map.of(Keys.PK, s(Keys.orderPk(merchantId, orderNumber)), Keys.SK, s(Keys.shipmentSk(shipmentId)));
    }
}
