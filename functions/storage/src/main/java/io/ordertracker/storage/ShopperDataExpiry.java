package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;
import static io.ordertracker.storage.Attr.str;

import io.ordertracker.domain.Order;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.Shipment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What a shipment's end sets expiring beside the shipment item itself: its events (a partition of their own) and,
 * once every shipment of the order has ended, the order. Expiries only move later here: every update is
 * conditional on the item existing (an erased or already expired item is not brought back) and on the new instant
 * being later than the stored one, so racing writers settle on the latest.
 */
final class ShopperDataExpiry {
    private static final String LATER = "attribute_exists(pk) AND (attribute_not_exists(#e) OR #e < :e)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;

    ShopperDataExpiry(DynamoDbClient dynamo, String table, RetentionPolicy retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    RetentionPolicy policy() {
        return retention;
    }

    /** Every stored event of the shipment expires no earlier than {@code expiresAt}. */
    void events(String shipmentId, Instant expiresAt) {
        for (Map<String, AttributeValue> key : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .projectionExpression("pk, sk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.eventsPk(shipmentId))))).items()) {
            later(key, expiresAt);
        }
    }

    /**
     * Gives the order the expiry of its last shipment when all of them have ended (or its own, without shipments).
     * Reads the whole partition consistently; {@code justWritten}, when given, stands in for the stored copy of that
     * shipment (a write about to happen, or that the caller knows better).
     *
     * <p>Callers settle after their shipment write, so of two shipments ending at the same time at least the later
     * read sees both ended; the tracking worker also settles before its write, so a crash between the two does not
     * leave the order without an expiry.
     */
    void settleOrder(String merchantId, String orderNumber, Shipment justWritten) {
        String pk = Keys.orderPk(merchantId, orderNumber);
        Order order = null;
        List<Shipment> shipments = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk)))).items()) {
            String sk = str(item, Keys.SK);
            if (Keys.ORDER_SK.equals(sk)) {
                order = DynamoDbOrderStore.orderFrom(item);
            } else if (sk.startsWith(Keys.SHIPMENT_SK_PREFIX)) {
                Shipment stored = ShipmentItems.fromItem(item);
                shipments.add(justWritten != null && justWritten.shipmentId().equals(stored.shipmentId())
                        ? justWritten : stored);
            }
        }
        if (order == null) {
            return;
        }
        Optional<Instant> expiry = retention.orderExpiry(order, shipments);
        if (expiry.isPresent()) {
            later(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.ORDER_SK)), expiry.get());
        }
    }

    private void later(Map<String, AttributeValue> key, Instant expiresAt) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    // on a shipment, an expiry is news to the consumers (a no-op on other items)
                    .updateExpression("SET #e = :e " + ShipmentItems.CHANGED)
                    .conditionExpression(LATER)
                    .expressionAttributeNames(Map.of("#e", Keys.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":e", n(expiresAt.getEpochSecond()))));
        } catch (ConditionalCheckFailedException e) {
            // gone, or already expiring later: nothing to do
        }
    }
}
