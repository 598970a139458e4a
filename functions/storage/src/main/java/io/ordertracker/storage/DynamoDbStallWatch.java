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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link StallWatch} on the table: the sparse DueForPolling index holds exactly the shipments still being polled, so
 * the hourly pass reads every shard of it (never a scan); flags are set conditional on the version read.
 */
public final class DynamoDbStallWatch implements StallWatch {
    static final String STALL_CHECK_REQUESTED_AT = "stallCheckRequestedAt";

    private final DynamoDbClient dynamo;
    private final String table;

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
        return Optional.of(new Watched(ShipmentItems.fromItem(item), Attr.instant(item, STALL_CHECK_REQUESTED_AT)));
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
