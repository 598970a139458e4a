package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.bool;
import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.notify.DelayState;
import io.ordertracker.domain.notify.StallWatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link StallWatch} on the table: the sparse DueForPolling index holds exactly the shipments still being polled, so
 * the hourly pass reads every shard of it (never a scan); flags are set conditional on the version read.
 */
public final class DynamoDbStallWatch implements StallWatch {
    static final String STALL_CHECK_REQUESTED_AT = "stallCheckRequestedAt";

    private final DynamoDbClient dynamo;
    private final String table;
    /** BatchGetItem's limit of keys per request. */
    private static final int BATCH_GET_LIMIT = 100;

    public DynamoDbStallWatch(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<ShipmentRef> polled(Carrier carrier, int shard) {
        List<ShipmentRef> out = new ArrayList<>();
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(b -> b.tableName(table)
                .indexName(Keys.INDEX_DUE_FOR_POLLING)
                .keyConditionExpression("pollShard = :p")
                .expressionAttributeValues(Map.of(":p", s(Keys.pollShard(carrier.code(), shard))))).items()) {
            String merchantId = Attr.str(row, "merchantId");
            String orderNumber = Attr.str(row, "orderNumber");
            String shipmentId = Attr.str(row, "shipmentId");
            if (merchantId != null && orderNumber != null && shipmentId != null) {
                out.add(new ShipmentRef(merchantId, orderNumber, shipmentId));
            }
        }
        return out;
    }

    @Override
    public Optional<Watched> load(ShipmentRef ref) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(ref)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(watched(item));
    }

    /**
     * A shard's shipments in BatchGetItem requests of 100 (strongly consistent, like {@link #load}), where one
     * GetItem each was most of the pass's requests; keys DynamoDB leaves unprocessed are asked for again.
     */
    @Override
    public List<Watched> loadAll(List<ShipmentRef> refs) {
        List<Watched> out = new ArrayList<>();
        for (int from = 0; from < refs.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = refs.subList(from, Math.min(refs.size(), from + BATCH_GET_LIMIT))
                    .stream().map(DynamoDbStallWatch::key).distinct().toList();
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(Math.min(1000, 50L << Math.min(attempt, 5)));
                }
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
                response.responses().getOrDefault(table, List.of()).forEach(item -> out.add(watched(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return out;
    }

    private static Watched watched(Map<String, AttributeValue> item) {
        return new Watched(ShipmentItems.fromItem(item), Attr.instant(item, STALL_CHECK_REQUESTED_AT),
                Attr.instant(item, DynamoDbShipmentTracker.LAST_ANSWERED_AT));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading shipments", e);
        }
    }

    @Override
    public boolean setFlags(Shipment seen, boolean delayed, boolean stalled, DelayState delay, StallCheck check,
                            Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":d", bool(delayed), ":s", bool(stalled),
                ":now", s(now.toString()), ":one", n(1), ":v", n(seen.version())));
        String update = "SET delayed = :d, stalled = :s, updatedAt = :now, version = version + :one";
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Object> a : ShipmentItems.delayAttributes(delay).entrySet()) {
            if (a.getValue() == null) {
                removed.add(a.getKey());
            } else {
                String placeholder = ":" + a.getKey();
                values.put(placeholder, s(a.getValue().toString()));
                update += ", " + a.getKey() + " = " + placeholder;
            }
        }
        switch (check) {
            case REQUEST -> {
                // the planner polls it on its next run; remember when we asked
                update += ", " + STALL_CHECK_REQUESTED_AT + " = :now, nextPollAt = :pollNow";
                values.put(":pollNow", n(now.getEpochSecond()));
            }
            case ASK_AGAIN -> {
                // the poll asked for has not been answered: ask again, still counting from the first request
                update += ", nextPollAt = :pollNow";
                values.put(":pollNow", n(now.getEpochSecond()));
            }
            case CLEAR -> removed.add(STALL_CHECK_REQUESTED_AT);
            case KEEP -> { }
        }
        removed.add(ShipmentItems.SCHEDULE_ONLY); // the flags are news to the consumers
        update += " REMOVE " + String.join(", ", removed);
        String expression = update;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(ShipmentRef.of(seen)))
                    .updateExpression(expression)
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(ShipmentRef ref) {
        return Map.of(Keys.PK, s(Keys.orderPk(ref.merchantId(), ref.orderNumber())),
                Keys.SK, s(Keys.shipmentSk(ref.shipmentId())));
    }
}
