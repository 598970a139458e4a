package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.num;
import static io.ordertracker.storage.Attr.s;
import static io.ordertracker.storage.Attr.str;

import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.orders.OrderService.ShipmentView;
import io.ordertracker.domain.orders.TrackingPageReader;
import io.ordertracker.domain.orders.TrackingTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link TrackingPageReader} on the table: token -> shipment (ByTrackingToken, KEYS_ONLY) -> its order, every
 * shipment of that order with its newest events, and the merchant's branding. Read-only, and the only way in is
 * the token: nothing here takes a merchant id or order number from the caller.
 *
 * <p>Items whose {@code expiresAt} (the table's TTL attribute) has passed count as gone: DynamoDB deletes expired
 * items up to a few days late, and a page must not outlive its data's retention.
 */
public final class DynamoDbTrackingPageReader implements TrackingPageReader {
    /** Enough history for a page; a parcel rarely has more than a few dozen scans. */
    public static final int EVENTS_PER_SHIPMENT = 50;

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbOrderStore orders;
    private final DynamoDbMerchantStore merchants;

    public DynamoDbTrackingPageReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.orders = new DynamoDbOrderStore(dynamo, table);
        this.merchants = new DynamoDbMerchantStore(dynamo, table);
    }

    @Override
    public Optional<TrackingPageData> read(String token, Instant now) {
        if (!TrackingTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        List<Map<String, AttributeValue>> hits = dynamo.query(b -> b.tableName(table).indexName(Keys.INDEX_BY_TOKEN)
                .keyConditionExpression("trackingToken = :t")
                .expressionAttributeValues(Map.of(":t", s(token)))
                .limit(2)).items();
        if (hits.size() != 1) {
            // Zero: unknown. Two: a token collision (192 random bits: should never happen); show nobody's data.
            return Optional.empty();
        }
        Map<String, AttributeValue> key = Map.of(Keys.PK, hits.get(0).get(Keys.PK), Keys.SK, hits.get(0).get(Keys.SK));
        Map<String, AttributeValue> shipmentItem = dynamo.getItem(b -> b.tableName(table).key(key)).item();
        if (shipmentItem == null || shipmentItem.isEmpty() || expired(shipmentItem, now)
                || !"SHIPMENT".equals(str(shipmentItem, Keys.ENTITY)) || !token.equals(str(shipmentItem, "trackingToken"))) {
            return Optional.empty();
        }
        Shipment own = ShipmentItems.fromItem(shipmentItem);
        Optional<Order> order = orders.findOrder(own.merchantId(), own.orderNumber());
        if (order.isEmpty() || orderExpired(own.merchantId(), own.orderNumber(), now)) {
            return Optional.empty();
        }
        List<ShipmentView> shipments = orders.findShipments(own.merchantId(), own.orderNumber()).stream()
                .map(s -> new ShipmentView(s, orders.findEvents(s.shipmentId(), EVENTS_PER_SHIPMENT)))
                .toList();
        return Optional.of(new TrackingPageData(own.shipmentId(), merchants.findMerchant(own.merchantId()),
                order.get(), shipments));
    }

    private boolean orderExpired(String merchantId, String orderNumber, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(Keys.orderPk(merchantId, orderNumber)), Keys.SK, s(Keys.ORDER_SK)))
                .projectionExpression("#e").expressionAttributeNames(Map.of("#e", Keys.EXPIRES_AT))).item();
        return item != null && expired(item, now);
    }

    private static boolean expired(Map<String, AttributeValue> item, Instant now) {
        long expiresAt = num(item, Keys.EXPIRES_AT, Long.MAX_VALUE);
        return expiresAt <= now.getEpochSecond();
    }
}
