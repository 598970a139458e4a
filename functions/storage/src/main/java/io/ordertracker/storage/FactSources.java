package io.ordertracker.storage;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.analytics.MessageSent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stream records of the notification ledger read as the analytics' {@link MessageSent} (entries becoming SENT). */
public final class FactSources {
    private FactSources() {
    }

    public static Optional<MessageSent> messageSent(DynamodbStreamRecord record) {
        var images = record.getDynamodb();
        return messageSent(StreamImages.toSdk(images.getOldImage()), StreamImages.toSdk(images.getNewImage()));
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
