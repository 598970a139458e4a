package io.ordertracker.notify;

import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Hashing;
import io.ordertracker.storage.Keys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Addresses (and phone numbers) that must never be sent to again: hard bounces, complaints, opt-outs. Keyed by
 * the SHA-256 of the normalized address, so the list serves its purpose without keeping a readable copy of
 * every address that ever bounced. Account-wide, not per merchant: a bounce is a property of the address.
 */
public final class SuppressionList {
    public static final String ENTITY = "SUPPRESSION";
    public static final String SK = Keys.SUPPRESSION_SK;

    private final DynamoDbClient dynamo;
    private final String table;

    public SuppressionList(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String normalize(Channel channel, String address) {
        String trimmed = address == null ? "" : address.trim();
        return channel == Channel.EMAIL ? trimmed.toLowerCase(Locale.ROOT) : trimmed.replaceAll("[^+0-9]", "");
    }

    public static String pk(Channel channel, String address) {
        return Keys.suppressionPk(channel.name(), Hashing.sha256Hex(normalize(channel, address)));
    }

    private static Map<String, AttributeValue> key(Channel channel, String address) {
        return Map.of(Keys.PK, s(pk(channel, address)), Keys.SK, s(SK));
    }

    /** @return true if newly suppressed, false if it already was (the first reason is kept) */
    public boolean suppress(Channel channel, String address, String reason, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(channel, address));
        item.put(Keys.ENTITY, s(ENTITY));
        item.put("channel", s(channel.name()));
        item.put("reason", s(reason));
        item.put("suppressedAt", s(now.toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public boolean isSuppressed(Channel channel, String address) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(channel, address))
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }
}
