package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.analytics.MessageSent;
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
 * {@link NotificationLedger} on the table: one item per message, all of an order's messages in one partition
 * ({@link Keys#notificationPk}, {@link Keys#notificationSk}: hashed, so the keys never name the order), claimed
 * with a conditional put (absent, or CLAIMED with its lease run out), moved on only by the holder of the claim
 * token. Entries expire through the table's TTL ({@link RetentionPolicy#ledgerExpiry}).
 */
public final class DynamoDbNotificationLedger implements NotificationLedger {
    public static final String ENTITY = "NOTIFICATION";
    /** Set on an entry by an erasure, beside what it scrubbed. */
    public static final String ERASED_AT = "erasedAt";
    public static final String SMS_MESSAGE_ENTITY = "SMS_MESSAGE";
    /** Longer than SNS takes to log a text's final status (carriers report within hours; 72 h at most). */
    static final Duration SMS_MESSAGE_TTL = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration lease;
    private final RetentionPolicy retention;

    public DynamoDbNotificationLedger(DynamoDbClient dynamo, String table, Duration lease, RetentionPolicy retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.lease = lease;
        this.retention = retention;
    }

    /** With the default retention (tests). */
    public DynamoDbNotificationLedger(DynamoDbClient dynamo, String table, Duration lease) {
        this(dynamo, table, lease, RetentionPolicy.DEFAULT);
    }

    private static Map<String, AttributeValue> key(NotificationJob job) {
        return Map.of(Keys.PK, s(Keys.notificationPk(job.merchantId(), job.orderNumber())),
                Keys.SK, s(Keys.notificationSk(job.jobId())));
    }

    @Override
    public ClaimResult claim(NotificationJob job, Instant now) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(key(job));
        item.put(Keys.ENTITY, s(ENTITY));
        item.put("state", s(State.CLAIMED.name()));
        item.put("claimToken", s(token));
        item.put("leaseUntil", n(now.plus(lease).getEpochSecond()));
        item.put("claimedAt", s(now.toString()));
        item.put("merchantId", s(job.merchantId()));
        item.put("orderNumber", s(job.orderNumber()));
        if (job.shipmentId() != null) {
            item.put("shipmentId", s(job.shipmentId()));
        }
        item.put("milestone", s(job.milestone().name()));
        if (job.episode() != null && !job.episode().isEmpty()) {
            item.put("episode", s(job.episode()));
        }
        item.put("channel", s(job.channel().name()));
        item.put(Keys.EXPIRES_AT, n(retention.ledgerExpiry(now).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#state = :claimed AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":claimed", s(State.CLAIMED.name()), ":now", n(now.getEpochSecond()))));
            return new ClaimResult(Claim.CLAIMED, token);
        } catch (ConditionalCheckFailedException e) {
            boolean inFlight = state(job).orElse(null) == State.CLAIMED;
            return new ClaimResult(inFlight ? Claim.IN_FLIGHT : Claim.ALREADY_DONE, null);
        }
    }

    @Override
    public void markSent(NotificationJob job, String token, String providerMessageId, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key(job))
                .updateExpression("SET #state = :sent, sentAt = :now, providerMessageId = :id REMOVE leaseUntil")
                .conditionExpression("claimToken = :token")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":sent", s(State.SENT.name()), ":now", s(now.toString()),
                        ":id", s(providerMessageId == null ? "" : providerMessageId), ":token", s(token))));
        if (job.channel() == Channel.SMS && providerMessageId != null && !providerMessageId.isBlank()) {
            recordSmsMessage(job, providerMessageId, now);
        }
    }

    /**
     * For a text SNS accepted, the record of its message id ({@link Keys#smsMessagePk}), so that its delivery status
     * (SNS logs, which name only the id) counts for the merchant and milestone; expires after
     * {@link #SMS_MESSAGE_TTL}. Written after the entry is marked sent: a crash between the two loses one outcome, never
     * a message.
     */
    private void recordSmsMessage(NotificationJob job, String providerMessageId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.smsMessagePk(providerMessageId)));
        item.put(Keys.SK, s(Keys.SMS_MESSAGE_SK));
        item.put(Keys.ENTITY, s(SMS_MESSAGE_ENTITY));
        item.put("merchantId", s(job.merchantId()));
        item.put("channel", s(job.channel().name()));
        item.put("milestone", s(job.milestone().name()));
        item.put("ledgerKey", s(Hashing.sha256Hex(job.jobId())));
        item.put("sentAt", s(now.toString()));
        item.put(Keys.EXPIRES_AT, n(now.plus(SMS_MESSAGE_TTL).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Whose text the SNS message id was ({@link #recordSmsMessage}), while its record lasts. */
    public Optional<MessageSent> smsMessage(String providerMessageId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                Keys.PK, s(Keys.smsMessagePk(providerMessageId)), Keys.SK, s(Keys.SMS_MESSAGE_SK)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MessageSent(Attr.str(item, "merchantId"), Attr.str(item, "ledgerKey"),
                Channel.valueOf(Attr.str(item, "channel")), Milestone.valueOf(Attr.str(item, "milestone")),
                Instant.parse(Attr.str(item, "sentAt"))));
    }

    @Override
    public void markSkipped(NotificationJob job, String token, String why, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key(job))
                .updateExpression("SET #state = :skipped, skippedAt = :now, skipReason = :why REMOVE leaseUntil")
                .conditionExpression("claimToken = :token")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":skipped", s(State.SKIPPED.name()), ":now", s(now.toString()),
                        ":why", s(why), ":token", s(token))));
    }

    @Override
    public void release(NotificationJob job, String token) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(job))
                    .conditionExpression("claimToken = :token AND #state = :claimed")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":token", s(token), ":claimed", s(State.CLAIMED.name()))));
        } catch (ConditionalCheckFailedException e) {
            // someone took the claim over after our lease ran out: theirs now
        }
    }

    @Override
    public Optional<State> state(NotificationJob job) {
        Map<String, AttributeValue> item = entry(job);
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(State.valueOf(Attr.str(item, "state")));
    }

    /**
     * Removes the readable order number and the shipment id, and replaces the provider's message id (which finds the shopper's address
     * in SES and SNS logs) by its hash; state, milestone, channel and timestamps stay. Conditional on the entry
     * existing, so a scrub racing the entry's TTL deletion writes nothing back.
     */
    @Override
    public int scrubOrder(String merchantId, String orderNumber, Instant now) {
        int scrubbed = 0;
        for (Map<String, AttributeValue> entry : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.notificationPk(merchantId, orderNumber))))).items()) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", s(now.toString())));
            String providerId = Attr.str(entry, "providerMessageId");
            String set = "SET " + ERASED_AT + " = :now";
            if (providerId != null && !providerId.isEmpty()) {
                values.put(":id", s("sha256:" + Hashing.sha256Hex(providerId)));
                set += ", providerMessageId = :id";
            }
            String update = set + " REMOVE orderNumber, shipmentId";
            try {
                dynamo.updateItem(b -> b.tableName(table)
                        .key(Map.of(Keys.PK, entry.get(Keys.PK), Keys.SK, entry.get(Keys.SK)))
                        .updateExpression(update)
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(values));
                scrubbed++;
            } catch (ConditionalCheckFailedException e) {
                // expired and deleted meanwhile: nothing left to scrub
            }
        }
        return scrubbed;
    }

    /** The whole stored entry (operators and tests look at its timestamps and provider message id). */
    public Map<String, AttributeValue> entry(NotificationJob job) {
        return dynamo.getItem(b -> b.tableName(table).key(key(job)).consistentRead(true)).item();
    }
}
