package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.ordertracker.domain.webhooks.WebhookDeliveries;
import io.ordertracker.domain.webhooks.WebhookDelivery;
import io.ordertracker.domain.webhooks.WebhookDelivery.Attempt;
import io.ordertracker.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link WebhookDeliveries} on the table: {@code WHDELIVERY#<merchant>#<endpoint>} / {@code DELIVERY#<deliveryId>}
 * (delivery ids start with the event's time, so the sort key lists them in time order). Each delivery expires
 * {@link #KEPT} after its last write through the table's TTL.
 */
public final class DynamoDbWebhookDeliveries implements WebhookDeliveries {
    public static final String ENTITY = "WEBHOOK_DELIVERY";
    public static final Duration KEPT = Duration.ofDays(30);
    /** The newest attempts kept on the item (a delivery retried for days stays far below the item size limit). */
    static final int MAX_ATTEMPTS_KEPT = 50;
    private static final TypeReference<List<Map<String, Object>>> ATTEMPTS = new TypeReference<>() { };

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbWebhookDeliveries(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String merchantId, String endpointId, String deliveryId) {
        return Map.of(Keys.PK, s(Keys.webhookDeliveryPk(merchantId, endpointId)),
                Keys.SK, s(Keys.webhookDeliverySk(deliveryId)));
    }

    @Override
    public boolean create(WebhookDelivery delivery) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(delivery)).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<WebhookDelivery> find(String merchantId, String endpointId, String deliveryId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(merchantId, endpointId, deliveryId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    @Override
    public List<WebhookDelivery> list(String merchantId, String endpointId, int limit) {
        List<WebhookDelivery> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.webhookDeliveryPk(merchantId, endpointId))))
                .scanIndexForward(false).limit(Math.min(limit, 100))).items()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(from(item));
        }
        return out;
    }

    @Override
    public void save(WebhookDelivery delivery) {
        dynamo.putItem(b -> b.tableName(table).item(item(delivery)));
    }

    static Map<String, AttributeValue> item(WebhookDelivery d) {
        Map<String, AttributeValue> item = new HashMap<>(key(d.merchantId(), d.endpointId(), d.deliveryId()));
        item.put(Keys.ENTITY, s(ENTITY));
        item.put("merchantId", s(d.merchantId()));
        item.put("endpointId", s(d.endpointId()));
        item.put("deliveryId", s(d.deliveryId()));
        item.put("eventId", s(d.eventId()));
        item.put("eventType", s(d.eventType()));
        item.put("payload", s(d.payload()));
        item.put("groupKey", s(d.groupKey()));
        item.put("createdAt", s(d.createdAt().toString()));
        item.put("status", s(d.status().name()));
        List<Attempt> attempts = d.attempts();
        if (attempts.size() > MAX_ATTEMPTS_KEPT) {
            attempts = attempts.subList(attempts.size() - MAX_ATTEMPTS_KEPT, attempts.size());
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Attempt a : attempts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", a.at().toString());
            m.put("statusCode", a.statusCode());
            m.put("error", a.error());
            m.put("latencyMillis", a.latencyMillis());
            m.put("replay", a.replay());
            list.add(m);
        }
        item.put("attempts", s(Json.write(list)));
        item.put("attemptCount", n(d.attempts().size()));
        if (d.nextAttemptAt() != null) {
            item.put("nextAttemptAt", s(d.nextAttemptAt().toString()));
        }
        Instant last = attempts.isEmpty() ? d.createdAt() : attempts.get(attempts.size() - 1).at();
        item.put(Keys.EXPIRES_AT, n(last.plus(KEPT).getEpochSecond()));
        return item;
    }

    static WebhookDelivery from(Map<String, AttributeValue> item) {
        List<Attempt> attempts = new ArrayList<>();
        try {
            for (Map<String, Object> m : Json.MAPPER.readValue(Attr.str(item, "attempts"), ATTEMPTS)) {
                attempts.add(new Attempt(Instant.parse((String) m.get("at")),
                        m.get("statusCode") == null ? null : ((Number) m.get("statusCode")).intValue(),
                        (String) m.get("error"), ((Number) m.getOrDefault("latencyMillis", 0)).longValue(),
                        Boolean.TRUE.equals(m.get("replay"))));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable webhook delivery item", e);
        }
        return new WebhookDelivery(Attr.str(item, "merchantId"), Attr.str(item, "endpointId"),
                Attr.str(item, "deliveryId"), Attr.str(item, "eventId"), Attr.str(item, "eventType"),
                Attr.str(item, "payload"), Attr.str(item, "groupKey"), Attr.instant(item, "createdAt"),
                WebhookDelivery.Status.valueOf(Attr.str(item, "status")), attempts, Attr.instant(item, "nextAttemptAt"));
    }
}
