package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.*;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
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

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbOrderStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public CreateOutcome create(Order order, List<Shipment> shipments, IdempotencyKey key) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(orderItem(order, shipments.size())));
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
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return new CreateOutcome.Created();
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (key != null && reasons.size() == writes.size()
                    && "ConditionalCheckFailed".equals(reasons.get(writes.size() - 1).code())) {
                return new CreateOutcome.KeyExists();
            }
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return new CreateOutcome.OrderExists();
            }
            throw e;
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
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(orderKey)
                            .updateExpression("SET shipmentCount = if_not_exists(shipmentCount, :zero) + :one")
                            .conditionExpression("attribute_exists(pk) AND attribute_not_exists(cancelledAt) "
                                    + "AND (attribute_not_exists(shipmentCount) OR shipmentCount < :max)")
                            .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":max", n(maxShipments))))
                            .build(),
                    put(ShipmentItems.toItem(shipment))));
            return new AddShipmentOutcome.Added(shipment);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                Optional<Shipment> present = findShipment(shipment.merchantId(), shipment.orderNumber(), shipment.shipmentId());
                if (present.isPresent()) {
                    return new AddShipmentOutcome.AlreadyPresent(present.get());
                }
            }
            if ("ConditionalCheckFailed".equals(reasons.get(0).code())) {
                Optional<Order> order = findOrder(shipment.merchantId(), shipment.orderNumber());
                if (order.isEmpty()) {
                    return new AddShipmentOutcome.NoSuchOrder();
                }
                return order.get().cancelled() ? new AddShipmentOutcome.OrderCancelled()
                        : new AddShipmentOutcome.TooManyShipments();
            }
            throw e;
        }
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
                                + "version = version + :one REMOVE pollShard, nextPollAt")
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
