package io.ordertracker.notify;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import io.ordertracker.storage.Attr;
import io.ordertracker.storage.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One entry per message, ever (DESIGN.md): claimed with a conditional put before the send, marked SENT after.
 * <ul>
 *   <li>A duplicate (stream record delivered twice, SQS redelivery) finds SENT or SKIPPED and does nothing.</li>
 *   <li>A crash between claim and send leaves CLAIMED; once the claim's lease has run out (longer than any
 *       invocation can last) the retry takes the claim over and sends. While the lease runs, a concurrent copy is
 *       told IN_FLIGHT and retried later, so two copies never send at the same time.</li>
 * </ul>
 * The window that cannot be closed without the provider's help is a crash after the provider accepted the
 * message and before {@link #markSent}: the retry then sends again (at-least-once at that one point).
 */
public final class NotificationLedger {
    public static final String ENTITY = "NOTIFICATION";
    /** Ledger entries are kept long enough to cover any shipment's life and its redeliveries. */
    static final Duration RETENTION = Duration.ofDays(400);

    public enum Claim { CLAIMED, ALREADY_DONE, IN_FLIGHT }

    public enum State { CLAIMED, SENT, SKIPPED }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration lease;

    public NotificationLedger(DynamoDbClient dynamo, String table, Duration lease) {
        this.dynamo = dynamo;
        this.table = table;
        this.lease = lease;
    }

    public static String pk(String jobId) {
        return Keys.notificationPk(jobId);
    }

    public static final String SK = Keys.NOTIFICATION_SK;

    private static Map<String, AttributeValue> key(String jobId) {
        return Map.of(Keys.PK, s(pk(jobId)), Keys.SK, s(SK));
    }

    /**
     * Claims the right to send {@code job}: succeeds if nobody claimed it, or if a previous claim was abandoned
     * (its lease ran out without SENT).
     *
     * @return the token to pass to {@link #markSent} when claimed
     */
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
            State state = state(job.jobId());
            return new ClaimResult(state == State.CLAIMED ? Claim.IN_FLIGHT : Claim.ALREADY_DONE, null);
        }
    }

    public record ClaimResult(Claim claim, String token) {
    }

    /** Records the provider's message id; only the holder of the claim may. */
    public void markSent(NotificationJob job, String token, String providerMessageId, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key(job.jobId()))
                .updateExpression("SET #state = :sent, sentAt = :now, providerMessageId = :id REMOVE leaseUntil")
                .conditionExpression("claimToken = :token")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":sent", s(State.SENT.name()), ":now", s(now.toString()),
                        ":id", s(providerMessageId == null ? "" : providerMessageId), ":token", s(token))));
    }

    /** Closes a claimed entry without sending (suppressed, opted out, no contact). */
    public void markSkipped(NotificationJob job, String token, String why, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key(job.jobId()))
                .updateExpression("SET #state = :skipped, skippedAt = :now, skipReason = :why REMOVE leaseUntil")
                .conditionExpression("claimToken = :token")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":skipped", s(State.SKIPPED.name()), ":now", s(now.toString()),
                        ":why", s(why), ":token", s(token))));
    }

    /** Gives a claim back (the provider refused the message, nothing was sent): the retry may claim at once. */
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

    /** The entry's state, or null when there is none. */
    public State state(String jobId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(jobId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        return State.valueOf(Attr.str(item, "state"));
    }

    public Map<String, AttributeValue> entry(String jobId) {
        return dynamo.getItem(b -> b.tableName(table).key(key(jobId)).consistentRead(true)).item();
    }
}
