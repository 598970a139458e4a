package io.ordertracker.storage;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.webhooks.WebhookSource;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A record of the table's stream read into the domain's {@link WebhookSource}, with the same mappers as table reads:
 * orders, shipments and notification-ledger entries; anything else (deletions included) is ignored.
 */
public final class WebhookSources {
    private WebhookSources() {
    }

    public static WebhookSource of(DynamodbStreamRecord record) {
        var images = record.getDynamodb();
        return of(StreamImages.toSdk(images.getOldImage()), StreamImages.toSdk(images.getNewImage()));
    }

    public static WebhookSource of(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (newImage == null) {
            return new WebhookSource.Ignored();
        }
        String entity = Attr.str(newImage, Keys.ENTITY);
        try {
            if ("ORDER".equals(entity)) {
                return new WebhookSource.OrderChanged(oldImage == null ? null : order(oldImage), order(newImage));
            }
            if ("SHIPMENT".equals(entity)) {
                return new WebhookSource.ShipmentChanged(oldImage == null ? null : ShipmentItems.fromItem(oldImage),
                        ShipmentItems.fromItem(newImage));
            }
            if (DynamoDbNotificationLedger.ENTITY.equals(entity) && Attr.str(newImage, "orderNumber") != null) {
                return new WebhookSource.LedgerChanged(oldImage == null ? null : ledger(oldImage), ledger(newImage));
            }
        } catch (RuntimeException e) {
            // an item written by hand that does not read is no news
        }
        return new WebhookSource.Ignored();
    }

    private static Order order(Map<String, AttributeValue> item) {
        return DynamoDbOrderStore.orderFrom(item);
    }

    private static WebhookSource.LedgerEntry ledger(Map<String, AttributeValue> item) {
        String state = Attr.str(item, "state");
        Instant at = switch (state == null ? "" : state) {
            case "SENT" -> Attr.instant(item, "sentAt");
            case "SKIPPED" -> Attr.instant(item, "skippedAt");
            default -> Attr.instant(item, "claimedAt");
        };
        return new WebhookSource.LedgerEntry(Attr.str(item, "merchantId"), Attr.str(item, "orderNumber"),
                Attr.str(item, "shipmentId"), Milestone.valueOf(Attr.str(item, "milestone")), Attr.str(item, "episode"),
                null, Channel.valueOf(Attr.str(item, "channel")), state, at, Attr.str(item, "skipReason"),
                Attr.str(item, Keys.PK) + "|" + Attr.str(item, Keys.SK));
    }
}
