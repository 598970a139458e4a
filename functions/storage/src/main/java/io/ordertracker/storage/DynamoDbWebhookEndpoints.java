package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import io.ordertracker.domain.webhooks.WebhookEndpoint.SigningSecret;
import io.ordertracker.domain.webhooks.WebhookEndpoints;
import io.ordertracker.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link WebhookEndpoints} on the table: {@code WEBHOOK#<merchant>} / {@code ENDPOINT#<id>}. Secrets are an
 * attribute of the item (the table is encrypted at rest); only the webhook functions may read the partition.
 */
public final class DynamoDbWebhookEndpoints implements WebhookEndpoints {
    public static final String ENTITY = "WEBHOOK_ENDPOINT";
    private static final TypeReference<List<Map<String, String>>> SECRETS = new TypeReference<>() { };
    private static final TypeReference<List<String>> TYPES = new TypeReference<>() { };

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbWebhookEndpoints(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String merchantId, String endpointId) {
        return Map.of(Keys.PK, s(Keys.webhookPk(merchantId)), Keys.SK, s(Keys.webhookEndpointSk(endpointId)));
    }

    @Override
    public boolean create(WebhookEndpoint endpoint, int limit) {
        if (list(endpoint.merchantId()).size() >= limit) {
            return false;
        }
        dynamo.putItem(b -> b.tableName(table).item(item(endpoint)).conditionExpression("attribute_not_exists(pk)"));
        return true;
    }

    @Override
    public Optional<WebhookEndpoint> find(String merchantId, String endpointId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(merchantId, endpointId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    @Override
    public List<WebhookEndpoint> list(String merchantId) {
        List<WebhookEndpoint> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.webhookPk(merchantId)),
                        ":sk", s(Keys.WEBHOOK_ENDPOINT_SK_PREFIX)))).items().forEach(i -> out.add(from(i)));
        out.sort(java.util.Comparator.comparing(WebhookEndpoint::createdAt));
        return out;
    }

    @Override
    public boolean replace(WebhookEndpoint updated, long expectedVersion) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(updated))
                    .conditionExpression("attribute_exists(pk) AND version = :v")
                    .expressionAttributeValues(Map.of(":v", n(expectedVersion))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean delete(String merchantId, String endpointId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(merchantId, endpointId))
                    .conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Instant markFailing(String merchantId, String endpointId, Instant now) {
        try {
            var r = dynamo.updateItem(b -> b.tableName(table).key(key(merchantId, endpointId))
                    .updateExpression("SET failingSince = if_not_exists(failingSince, :now)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString())))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW));
            return Instant.parse(r.attributes().get("failingSince").s());
        } catch (ConditionalCheckFailedException e) {
            return now; // deleted meanwhile
        }
    }

    @Override
    public void markHealthy(String merchantId, String endpointId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(merchantId, endpointId))
                    .updateExpression("REMOVE failingSince")
                    .conditionExpression("attribute_exists(failingSince)"));
        } catch (ConditionalCheckFailedException e) {
            // healthy already, or deleted
        }
    }

    @Override
    public boolean disable(String merchantId, String endpointId, String reason, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(merchantId, endpointId))
                    .updateExpression("SET enabled = :false, disabledReason = :why, updatedAt = :now ADD version :one")
                    .conditionExpression("enabled = :true")
                    .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false),
                            ":true", AttributeValue.fromBool(true), ":why", s(reason), ":now", s(now.toString()),
                            ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Map<String, AttributeValue> item(WebhookEndpoint e) {
        Map<String, AttributeValue> item = new HashMap<>(key(e.merchantId(), e.endpointId()));
        item.put(Keys.ENTITY, s(ENTITY));
        item.put("merchantId", s(e.merchantId()));
        item.put("endpointId", s(e.endpointId()));
        item.put("url", s(e.url()));
        item.put("eventTypes", s(Json.write(new ArrayList<>(new java.util.TreeSet<>(e.eventTypes())))));
        item.put("enabled", AttributeValue.fromBool(e.enabled()));
        if (e.description() != null) {
            item.put("description", s(e.description()));
        }
        List<Map<String, String>> secrets = new ArrayList<>();
        for (SigningSecret secret : e.secrets()) {
            Map<String, String> m = new HashMap<>();
            m.put("value", secret.value());
            if (secret.expiresAt() != null) {
                m.put("expiresAt", secret.expiresAt().toString());
            }
            secrets.add(m);
        }
        item.put("secrets", s(Json.write(secrets)));
        item.put("createdAt", s(e.createdAt().toString()));
        item.put("updatedAt", s(e.updatedAt().toString()));
        if (e.failingSince() != null) {
            item.put("failingSince", s(e.failingSince().toString()));
        }
        if (e.disabledReason() != null) {
            item.put("disabledReason", s(e.disabledReason()));
        }
        item.put("version", n(e.version()));
        return item;
    }

    static WebhookEndpoint from(Map<String, AttributeValue> item) {
        List<SigningSecret> secrets = new ArrayList<>();
        try {
            for (Map<String, String> m : Json.MAPPER.readValue(Attr.str(item, "secrets"), SECRETS)) {
                secrets.add(new SigningSecret(m.get("value"),
                        m.get("expiresAt") == null ? null : Instant.parse(m.get("expiresAt"))));
            }
            return new WebhookEndpoint(Attr.str(item, "merchantId"), Attr.str(item, "endpointId"),
                    Attr.str(item, "url"), new LinkedHashSet<>(Json.MAPPER.readValue(Attr.str(item, "eventTypes"), TYPES)),
                    Attr.flag(item, "enabled"), Attr.str(item, "description"), secrets,
                    Attr.instant(item, "createdAt"), Attr.instant(item, "updatedAt"),
                    Attr.instant(item, "failingSince"), Attr.str(item, "disabledReason"), Attr.num(item, "version", 0));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("unreadable webhook endpoint item", ex);
        }
    }
}
