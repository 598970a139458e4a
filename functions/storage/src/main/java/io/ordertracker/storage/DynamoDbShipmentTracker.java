package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.*;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.polling.CarrierCallCounter;
import io.ordertracker.domain.polling.DueShipment;
import io.ordertracker.domain.polling.PollSchedule;
import io.ordertracker.domain.polling.ShipmentTracker;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.domain.polling.TrackingState;
import io.ordertracker.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The polling pipeline's ports on the table: {@link PollSchedule} (the sparse due-for-polling index, per shard),
 * {@link ShipmentTracker} (the conditional, monotonic shipment write path of the tracking worker and carrier push)
 * and {@link CarrierCallCounter} (one counter item per carrier and UTC day).
 *
 * <p>Concurrency: every shipment write is conditional on the {@code version} that was read, so two workers (or a
 * worker and a push) never lose an update: the loser re-reads and re-applies its carrier answer, and the
 * forward-only state machine decides again on the fresh state. Events are keyed by their carrier time and a
 * content hash and written with {@code attribute_not_exists}, so a redelivered message stores nothing twice; the
 * shipment keeps the ids it has stored ({@code eventIds}) so a routine poll writes only what is new.
 */
public final class DynamoDbShipmentTracker implements ShipmentTracker, PollSchedule, CarrierCallCounter {
    /** Added to the shipment item by the polling pipeline (beside the attributes {@link ShipmentItems} defines). */
    public static final String LOCAL_OFFSET = "localOffset";
    public static final String EVENT_IDS = "eventIds";
    public static final String PUSH_SUBSCRIBED = "pushSubscribed";
    public static final String CARRIER_CALLS = "carrierCalls";
    public static final String DELIVERED_AT = "deliveredAt";
    public static final String SIGNED_BY = "signedBy";
    public static final String LAST_PLAN_ID = "lastPlanId";
    /** When the carrier last answered about the number (not a failed poll): see StallConfirmation. */
    public static final String LAST_ANSWERED_AT = "lastAnsweredAt";
    /** Counter items are kept a couple of months for cost reports, then expire. */
    private static final long CALLS_TTL_SECONDS = 62L * 24 * 3600;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ShopperDataExpiry expiry;

    public DynamoDbShipmentTracker(DynamoDbClient dynamo, String table, RetentionPolicy retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.expiry = new ShopperDataExpiry(dynamo, table, retention);
    }

    /** With the default retention (tests, the bench). */
    public DynamoDbShipmentTracker(DynamoDbClient dynamo, String table) {
        this(dynamo, table, RetentionPolicy.DEFAULT);
    }

    // ---------------------------------------------------------------------------------------------------- planner

    /** Reads the sparse DueForPolling index: only live, polled shipments have its key attributes. */
    @Override
    public List<DueShipment> due(Carrier carrier, int shard, Instant now, int limit) {
        List<DueShipment> out = new ArrayList<>();
        // pages are fetched lazily: stopping at the limit stops the reads
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table)
                .indexName(Keys.INDEX_DUE_FOR_POLLING)
                .keyConditionExpression("pollShard = :shard AND nextPollAt <= :now")
                .expressionAttributeValues(Map.of(":shard", s(Keys.pollShard(carrier.code(), shard)),
                        ":now", n(now.getEpochSecond())))
                .limit(Math.min(1000, limit))).items()) {
            out.add(new DueShipment(str(item, "merchantId"), str(item, "orderNumber"), str(item, "shipmentId"),
                    carrier, str(item, "trackingNumber"), ShipmentStatus.valueOf(str(item, "status")),
                    Instant.ofEpochSecond(num(item, "nextPollAt", 0))));
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    @Override
    public boolean lease(DueShipment due, Instant until) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(due.merchantId(), due.orderNumber(), due.shipmentId()))
                    .updateExpression("SET nextPollAt = :until, " + ShipmentItems.SCHEDULE_ONLY + " = :true")
                    .conditionExpression("nextPollAt = :seen AND attribute_exists(pollShard)")
                    .expressionAttributeValues(Map.of(":until", n(until.getEpochSecond()), ":true", bool(true),
                            ":seen", n(due.nextPollAt().getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    // ----------------------------------------------------------------------------------------------- write path

    /** The shipment with its order's promised date, in one consistent query of the order's partition. */
    @Override
    public Optional<TrackingState> load(ShipmentRef ref) {
        String pk = Keys.orderPk(ref.merchantId(), ref.orderNumber());
        QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk))));
        Map<String, AttributeValue> shipment = null;
        LocalDate promised = null;
        java.time.ZoneId shopperZone = null;
        String wanted = Keys.shipmentSk(ref.shipmentId());
        for (Map<String, AttributeValue> item : page.items()) {
            String sk = str(item, Keys.SK);
            if (Keys.ORDER_SK.equals(sk)) {
                String p = str(item, "promisedDeliveryDate");
                promised = p == null ? null : LocalDate.parse(p);
                shopperZone = shopperZone(str(item, "customer"));
            } else if (wanted.equals(sk)) {
                shipment = item;
            }
        }
        if (shipment == null) {
            return Optional.empty();
        }
        String offset = str(shipment, LOCAL_OFFSET);
        AttributeValue ids = shipment.get(EVENT_IDS);
        Set<String> eventIds = ids == null || !ids.hasSs() ? Set.of() : new HashSet<>(ids.ss());
        return Optional.of(new TrackingState(ShipmentItems.fromItem(shipment), promised,
                offset == null ? null : ZoneOffset.of(offset), eventIds, flag(shipment, PUSH_SUBSCRIBED),
                num(shipment, CARRIER_CALLS, 0), str(shipment, LAST_PLAN_ID), shopperZone));
    }

    /**
     * Stores the result: new events first (each once), then the shipment, conditional on the version it was read at.
     * Events written before a lost race are harmless: they are true scans, and the retry finds them stored.
     *
     * <p>A write that leaves the shipment ended (terminal, or no longer tracked) starts or restarts its retention:
     * the shipment, every event and (once all its shipments have ended) the order get {@code expiresAt}. Events and
     * order are done before the shipment write, because a redelivered message finds the shipment already written and
     * stops there; the order is settled again after it, for a sibling shipment ending at the same moment.
     */
    @Override
    public SaveOutcome save(TrackingProgress.Result result) {
        Shipment after = result.after().shipment();
        Optional<Instant> expiresAt = expiry.policy().shipmentExpiry(after);
        for (TrackingEvent event : result.newEvents()) {
            putEventOnce(after.shipmentId(), event, expiresAt);
        }
        if (expiresAt.isPresent()) {
            expiry.events(after.shipmentId(), expiresAt.get());
            expiry.settleOrder(after.merchantId(), after.orderNumber(), after);
        }
        long expected = result.before().shipment().version();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        set(sets, names, values, "status", s(after.status().name()));
        set(sets, names, values, "reason", s(after.reason().name()));
        set(sets, names, values, "delayed", bool(after.delayed()));
        set(sets, names, values, "version", n(after.version()));
        set(sets, names, values, CARRIER_CALLS, n(result.after().carrierCalls()));
        setOrRemove(sets, removes, names, values, "updatedAt", after.updatedAt());
        setOrRemove(sets, removes, names, values, "lastEventAt", after.lastEventAt());
        setOrRemove(sets, removes, names, values, "lastScanAt", after.lastScanAt());
        setOrRemove(sets, removes, names, values, LOCAL_OFFSET, result.after().localOffset());
        EstimatedDelivery eta = after.estimatedDelivery();
        setOrRemove(sets, removes, names, values, "etaDate", eta == null ? null : eta.date());
        setOrRemove(sets, removes, names, values, "etaWindowStart", eta == null ? null : eta.windowStart());
        setOrRemove(sets, removes, names, values, "etaWindowEnd", eta == null ? null : eta.windowEnd());
        setOrRemove(sets, removes, names, values, "etaKind", eta == null ? null : eta.kind());
        ShipmentItems.delayAttributes(after.delay())
                .forEach((attribute, value) -> setOrRemove(sets, removes, names, values, attribute, value));
        if (after.route() != null) {
            setOrRemove(sets, removes, names, values, ShipmentItems.SERVICE, after.route().service());
            setOrRemove(sets, removes, names, values, ShipmentItems.ORIGIN_REGION, after.route().originRegion());
            setOrRemove(sets, removes, names, values, ShipmentItems.DESTINATION_REGION, after.route().destinationRegion());
        }
        if (after.pickedUpAt() != null) {
            set(sets, names, values, ShipmentItems.PICKED_UP_AT, s(after.pickedUpAt().toString()));
        }
        if (result.deliveredAt() != null) {
            set(sets, names, values, DELIVERED_AT, s(result.deliveredAt().toString()));
        }
        if (result.signedBy() != null) {
            set(sets, names, values, SIGNED_BY, s(result.signedBy()));
        }
        if (result.answeredAt() != null) {
            // what the stall detector confirms a stall with: a poll that failed leaves it as it was
            set(sets, names, values, LAST_ANSWERED_AT, s(result.answeredAt().toString()));
        }
        if (result.after().lastPlanId() != null) {
            set(sets, names, values, LAST_PLAN_ID, s(result.after().lastPlanId()));
        }
        if (result.after().pushSubscribed() && !result.before().pushSubscribed()) {
            set(sets, names, values, PUSH_SUBSCRIBED, bool(true));
        }
        if (!result.after().eventIds().isEmpty()) {
            set(sets, names, values, EVENT_IDS, AttributeValue.fromSs(List.copyOf(result.after().eventIds())));
        }
        boolean polled = after.active() && !after.status().isTerminal() && after.nextPollAt() != null;
        if (polled) {
            set(sets, names, values, "pollShard", s(Keys.pollShard(after.carrier().code(), after.shipmentId())));
            set(sets, names, values, "nextPollAt", n(after.nextPollAt().getEpochSecond()));
        } else {
            // Leaving the sparse index is what ends polling.
            removes.add(name(names, "pollShard"));
            removes.add(name(names, "nextPollAt"));
        }
        expiresAt.ifPresent(e -> set(sets, names, values, Keys.EXPIRES_AT, n(e.getEpochSecond())));
        if (changesWhatConsumersSee(result, expiresAt)) {
            removes.add(name(names, ShipmentItems.SCHEDULE_ONLY));
        } else {
            set(sets, names, values, ShipmentItems.SCHEDULE_ONLY, bool(true));
        }
        names.put("#v", "version");
        values.put(":expected", n(expected));
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(after.merchantId(), after.orderNumber(), after.shipmentId()))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(pk) AND #v = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            return SaveOutcome.CONFLICT;
        }
        if (expiresAt.isPresent()) {
            expiry.settleOrder(after.merchantId(), after.orderNumber(), null);
        }
        return SaveOutcome.SAVED;
    }

    /**
     * Whether a save changes anything a stream consumer acts on. A poll that learned nothing still writes (the
     * version for the conditional write, the next poll, the carrier-call count, the plan id), but only what the
     * schedule needs: marked {@link ShipmentItems#SCHEDULE_ONLY}, its record is filtered out before any consumer.
     */
    static boolean changesWhatConsumersSee(TrackingProgress.Result result, Optional<Instant> expiresAt) {
        return !result.newEvents().isEmpty() || result.deliveredAt() != null || result.signedBy() != null
                || expiresAt.isPresent()
                || result.after().pushSubscribed() != result.before().pushSubscribed()
                || !java.util.Objects.equals(result.after().localOffset(), result.before().localOffset())
                || !withoutSchedule(result.before().shipment()).equals(withoutSchedule(result.after().shipment()));
    }

    /** The shipment without what every poll moves (version, updatedAt, nextPollAt). */
    private static Shipment withoutSchedule(Shipment s) {
        return new Shipment(s.merchantId(), s.orderNumber(), s.shipmentId(), s.carrier(), s.trackingNumber(),
                s.trackingToken(), s.status(), s.reason(), s.estimatedDelivery(), s.delayed(), s.stalled(),
                s.lastEventAt(), s.lastScanAt(), null, s.active(), s.createdAt(), null, 0, s.delay(), s.route(),
                s.pickedUpAt());
    }

    @Override
    public List<ShipmentRef> findByCarrierNumber(Carrier carrier, String trackingNumber) {
        List<ShipmentRef> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.INDEX_BY_CARRIER_TRACKING)
                        .keyConditionExpression("carrierTracking = :ct")
                        .expressionAttributeValues(Map.of(":ct", s(Keys.carrierTracking(carrier.code(), trackingNumber)))))
                .items().forEach(item -> out.add(refFromKeys(str(item, Keys.PK), str(item, Keys.SK))));
        return out;
    }

    /** Every stored event of a shipment, oldest first (tests and the bench). */
    public List<TrackingEvent> events(String shipmentId) {
        List<TrackingEvent> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.eventsPk(shipmentId)))))
                .items().forEach(i -> out.add(DynamoDbOrderStore.eventFrom(i)));
        return out;
    }

    // ------------------------------------------------------------------------------------------ carrier budget

    @Override
    public long add(Carrier carrier, LocalDate dayUtc, long calls) {
        Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(Keys.carrierCallsPk(carrier.code())), Keys.SK, s(Keys.carrierCallsSk(dayUtc.toString()))))
                .updateExpression("ADD calls :n SET entityType = :type, carrier = :carrier, expiresAt = :ttl")
                .expressionAttributeValues(Map.of(":n", n(calls), ":type", s("CARRIER_CALLS"),
                        ":carrier", s(carrier.code()),
                        ":ttl", n(dayUtc.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) + CALLS_TTL_SECONDS)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return num(updated, "calls", calls);
    }

    @Override
    public long count(Carrier carrier, LocalDate dayUtc) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(Keys.PK, s(Keys.carrierCallsPk(carrier.code())), Keys.SK, s(Keys.carrierCallsSk(dayUtc.toString())))))
                .item();
        return item == null ? 0 : num(item, "calls", 0);
    }

    // ---------------------------------------------------------------------------------------------- internals

    private void putEventOnce(String shipmentId, TrackingEvent event, Optional<Instant> expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        String instant = event.time() == null ? "0000" : event.time().toInstant().toString();
        item.put(Keys.PK, s(Keys.eventsPk(shipmentId)));
        item.put(Keys.SK, s(Keys.eventSk(instant, event.eventId())));
        item.put(Keys.ENTITY, s("EVENT"));
        item.put("shipmentId", s(shipmentId));
        item.put("eventId", s(event.eventId()));
        putIfPresent(item, "time", event.time());
        item.put("status", s(event.status().name()));
        item.put("reason", s(event.reason().name()));
        putIfPresent(item, "carrierCode", event.carrierCode());
        putIfPresent(item, "description", event.description());
        putIfPresent(item, "location", event.location());
        expiresAt.ifPresent(e -> item.put(Keys.EXPIRES_AT, n(e.getEpochSecond())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            // Stored by an earlier delivery of the same answer: once is enough.
        }
    }

    /**
     * The shopper's time zone from the order's customer JSON; null when absent or not a zone id. "UTC" counts as
     * absent: it is what the order API stores when the merchant sent no zone, and a delivery-day window reckoned in
     * UTC would sit in the middle of an American night. Without a zone the cadence uses the newest scan's offset.
     */
    static java.time.ZoneId shopperZone(String customerJson) {
        if (customerJson == null) {
            return null;
        }
        try {
            io.ordertracker.domain.Customer c = Json.read(customerJson, io.ordertracker.domain.Customer.class);
            if (c.timeZone() == null || c.timeZone().isBlank() || c.timeZone().equals("UTC")) {
                return null;
            }
            return java.time.ZoneId.of(c.timeZone());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ShipmentRef refFromKeys(String pk, String sk) {
        // pk = ORDER#<merchantId>#<orderNumber>; merchant ids never contain '#', order numbers may.
        String rest = pk.substring("ORDER#".length());
        int hash = rest.indexOf('#');
        return new ShipmentRef(rest.substring(0, hash), rest.substring(hash + 1), sk.substring(Keys.SHIPMENT_SK_PREFIX.length()));
    }

    private static Map<String, AttributeValue> key(String merchantId, String orderNumber, String shipmentId) {
        return Map.of(Keys.PK, s(Keys.orderPk(merchantId, orderNumber)), Keys.SK, s(Keys.shipmentSk(shipmentId)));
    }

    private static String name(Map<String, String> names, String attribute) {
        String placeholder = "#a" + names.size();
        names.put(placeholder, attribute);
        return placeholder;
    }

    private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
                            String attribute, AttributeValue value) {
        String n = name(names, attribute);
        String v = ":v" + values.size();
        values.put(v, value);
        sets.add(n + " = " + v);
    }

    private static void setOrRemove(List<String> sets, List<String> removes, Map<String, String> names,
                                    Map<String, AttributeValue> values, String attribute, Object value) {
        if (value == null) {
            removes.add(name(names, attribute));
        } else {
            set(sets, names, values, attribute, s(value.toString()));
        }
    }
}
