package io.ordertracker.storage;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.analytics.MessageSent;
import io.ordertracker.domain.analytics.Unsubscribed;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stream records read as the analytics' sources: the notification ledger's entries becoming SENT ({@link MessageSent}),
 * and shoppers' preferences turning to no emails ({@link Unsubscribed}).
 */
public final class FactSources {
    private static final String UNSUB_PREFIX = "UNSUB#";

    private FactSources() {
    }

    public static Optional<MessageSent> messageSent(DynamodbStreamRecord record) {
        var images = record.getDynamodb();
        return messageSent(StreamImages.toSdk(images.getOldImage()), StreamImages.toSdk(images.getNewImage()));
    }

    /**
     * A shopper's preferences entry turning to "no emails at all" (the stream filter passes only entries with
     * {@code unsubscribedAll}; one already unsubscribed before this write is not a new unsubscribe). The address is
     * named by the hash in the entry's key, never read.
     */
    public static Optional<Unsubscribed> unsubscribed(DynamodbStreamRecord record) {
        var images = record.getDynamodb();
        return unsubscribed(StreamImages.toSdk(images.getOldImage()), StreamImages.toSdk(images.getNewImage()));
    }

    static Optional<Unsubscribed> unsubscribed(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        if (after == null || !DynamoDbShopperPreferences.ENTITY.equals(Attr.str(after, Keys.ENTITY))
                || !Attr.flag(after, "unsubscribedAll") || (before != null && Attr.flag(before, "unsubscribedAll"))) {
            return Optional.empty();
        }
        String pk = Attr.str(after, Keys.PK);
        int hash = pk == null ? -1 : pk.lastIndexOf('#');
        if (pk == null || !pk.startsWith(UNSUB_PREFIX) || hash <= UNSUB_PREFIX.length()) {
            return Optional.empty();
        }
        String updatedAt = Attr.str(after, "updatedAt");
        Instant at;
        try {
            at = updatedAt == null ? Instant.EPOCH : Instant.parse(updatedAt);
        } catch (RuntimeException e) {
            at = Instant.EPOCH;
        }
        return Optional.of(new Unsubscribed(pk.substring(UNSUB_PREFIX.length(), hash), pk.substring(hash + 1),
                Channel.EMAIL, at));
    }

    static Optional<MessageSent> messageSent(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        if (after == null || !DynamoDbNotificationLedger.ENTITY.equals(Attr.str(after, Keys.ENTITY))
                || !"SENT".equals(Attr.str(after, "state"))
                || (before != null && "SENT".equals(Attr.str(before, "state")))) {
            return Optional.empty();
        }
        try {
            String sentAt = Attr.str(after, "sentAt");
            return Optional.of(new MessageSent(Attr.str(after, "merchantId"),
                    Attr.str(after, Keys.PK) + "#" + Attr.str(after, Keys.SK),
                    Channel.valueOf(Attr.str(after, "channel")), Milestone.valueOf(Attr.str(after, "milestone")),
                    sentAt == null ? Instant.EPOCH : Instant.parse(sentAt)));
        } catch (RuntimeException e) {
            return Optional.empty(); // an entry written by hand, without channel or milestone: nothing to count
        }
    }
}
