package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.merchants.RequestWindowCounter;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link RequestWindowCounter} on the table: one item per merchant and window ({@code RATE#<merchant>} /
 * {@code WINDOW#<epoch second>}), raised with one conditional {@code ADD}, so concurrent containers never admit more
 * than the limit. The item expires through the table's TTL shortly after its window.
 */
public final class DynamoDbRequestWindowCounter implements RequestWindowCounter {
    public static final String ENTITY = "RATE_WINDOW";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRequestWindowCounter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean countIfBelow(String merchantId, Instant windowStart, int limit, Instant expiresAt) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(Keys.PK, s(Keys.rateLimitPk(merchantId)),
                            Keys.SK, s(Keys.rateLimitSk(windowStart.getEpochSecond()))))
                    .updateExpression("ADD requests :one SET #e = :entity, #x = if_not_exists(#x, :expires)")
                    .conditionExpression("attribute_not_exists(requests) OR requests < :limit")
                    .expressionAttributeNames(Map.of("#e", Keys.ENTITY, "#x", Keys.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit), ":entity", s(ENTITY),
                            ":expires", n(expiresAt.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
