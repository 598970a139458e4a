package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.notify.SuppressionList;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link SuppressionList} on the table, keyed by the SHA-256 of the normalized address, so the list serves its
 * purpose without keeping a readable copy of every address that ever bounced.
 */
public final class DynamoDbSuppressionList implements SuppressionList {
    public static final String ENTITY = "SUPPRESSION";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSuppressionList(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String pk(Channel channel, String address) {
        return Keys.suppressionPk(channel.name(), Hashing.sha256Hex(SuppressionList.normalize(channel, address)));
    }

    private static Map<String, AttributeValue> key(Channel channel, String address) {
        return Map.of(Keys.PK, s(pk(channel, address)), Keys.SK, s(Keys.SUPPRESSION_SK));
    }

    @Override
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

    @Override
    public boolean isSuppressed(Channel channel, String address) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(channel, address))
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }
}
