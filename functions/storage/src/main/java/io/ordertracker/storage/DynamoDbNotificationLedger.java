package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.domain.notify.NotificationLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link NotificationLedger} on the table: one item per message ({@link Keys#notificationPk}), claimed with a
 * conditional put (absent, or CLAIMED with its lease run out), moved on only by the holder of the claim token.
 */
public final class DynamoDbNotificationLedger implements NotificationLedger {
    public static final String ENTITY = "NOTIFICATION";
    /** Ledger entries are kept long enough to cover any shipment's life and its redeliveries. */
    static final Duration RETENTION = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration lease;

    public DynamoDbNotificationLedger(DynamoDbClient dynamo, String table, Duration lease) {
        this.dynamo = dynamo;
        this.table = table;
        this.lease = lease;
    }

    private static Map<String, AttributeValue> key(String jobId) {
        return Map.of(Keys.PK, s(Keys.notificationPk(jobId)), Keys.SK, s(Keys.NOTIFICATION_SK));
    }

    @Override
    public ClaimResult claim(NotificationJob job, Instant now) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(key(job.jobId()));
        item.put(Keys.ENTITY, s(ENTITY));
        item.put("state", s(State.CLAIMED.name()));
        item.put("claimToken", s(token));
        item.put("leaseUntil", n(now.plus(lease).getEpochSecond()));
        item.put("claimedAt", s(now.toString()));
        item.put("merchantId", s(job.merchantId()));
        item.put("orderNumber", s(job.orderNumber()));
        item.put("milestone", s(job.milestone().name()));
        item.put("channel", s(job.channel().name()));
        item.put(Keys.EXPIRES_AT, n(now.plus(RETENTION).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#state = :claimed AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":claimed", s(State.CLAIMED.name()), ":now", n(now.getEpochSecond()))));
            return new ClaimResult(Claim.CLAIMED, token);
        } catch (ConditionalCheckFailedException e) {
            boolean inFlight = state(job.jobId()).orElse(null) == State.CLAIMED;
            return new ClaimResult(inFlight ? Claim.IN_FLIGHT : Claim.ALREADY_DONE, null);
        }
    }

    @Override
    public void markSent(NotificationJob job, String token, String providerMessageId, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key(job.jobId()))
                .updateExpression("SET #state = :sent, sentAt = :now, providerMessageId = :id REMOVE leaseUntil")
                .conditionExpression("claimToken = :token")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":sent", s(State.SENT.name()), ":now", s(now.toString()),
                        ":id", s(providerMessageId == null ? "" : providerMessageId), ":token", s(token))));
    }

    @Override
    public void markSkipped(NotificationJob job, String token, String why, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key(job.jobId()))
                .updateExpression("SET #state = :skipped, skippedAt = :now, skipReason = :why REMOVE leaseUntil")
                .conditionExpression("claimToken = :token")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":skipped", s(State.SKIPPED.name()), ":now", s(now.toString()),
                        ":why", s(why), ":token", s(token))));
    }

    @Override
    public void release(NotificationJob job, String token) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(job.jobId()))
                    .conditionExpression("claimToken = :token AND #state = :claimed")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":token", s(token), ":claimed", s(State.CLAIMED.name()))));
        } catch (ConditionalCheckFailedException e) {
            // someone took the claim over after our lease ran out: theirs now
        }
    }

    @Override
    public Optional<State> state(String jobId) {
        Map<String, AttributeValue> item = entry(jobId);
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(State.valueOf(Attr.str(item, "state")));
    }

    /** The whole stored entry (operators and tests look at its timestamps and provider message id). */
    public Map<String, AttributeValue> entry(String jobId) {
        return dynamo.getItem(b -> b.tableName(table).key(key(jobId)).consistentRead(true)).item();
    }
}
