package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import java.time.Instant;

/**
 * What became of a message the senders sent, as its provider reported it: SES event publishing (through the
 * configuration set) for email, SNS SMS delivery-status logs for texts (docs/notifications.md).
 *
 * @param messageId the provider's message id (SES {@code mail.messageId}, SNS {@code notification.messageId}): with
 *                  {@code kind} it names the happening, so a redelivered event counts once
 * @param at        when the provider says it happened (never the time it was processed)
 */
public record NotificationOutcome(String merchantId, Channel channel, Milestone milestone, String messageId, Kind kind,
                                  Instant at) {

    /** Opens and clicks count once per message however often the shopper opens or clicks. */
    public enum Kind {
        DELIVERED, BOUNCED_PERMANENT, BOUNCED_TRANSIENT, COMPLAINED, FAILED, OPENED, CLICKED
    }

    public NotificationOutcome {
        if (merchantId == null || merchantId.isBlank() || channel == null || milestone == null || messageId == null
                || messageId.isBlank() || kind == null || at == null) {
            throw new IllegalArgumentException("an outcome needs merchant, channel, milestone, message id, kind, time");
        }
    }
}
