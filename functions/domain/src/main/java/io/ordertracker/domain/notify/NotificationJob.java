package io.ordertracker.domain.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import java.time.Instant;

/**
 * One message to send: the body of an email-queue or sms-queue message. It names what to tell, not the text: the
 * sender reads the current order, shipment and merchant, so a message held for quiet hours says what is true
 * when it leaves, and can be dropped when a later milestone made it stale.
 *
 * @param jobId      the ledger key ({@link NotificationKeys}); equal jobs are the same message
 * @param shipmentId null for order-level milestones (ORDER_CONFIRMED)
 */
public record NotificationJob(String jobId, String merchantId, String orderNumber, String shipmentId,
                              Milestone milestone, String episode, ExceptionReason reason, Channel channel,
                              Instant detectedAt) {

    public static NotificationJob of(String merchantId, String orderNumber, String shipmentId, DetectedMilestone m,
                                     Channel channel, Instant detectedAt) {
        String subject = shipmentId == null ? NotificationKeys.ORDER_SUBJECT : shipmentId;
        return new NotificationJob(NotificationKeys.key(merchantId, orderNumber, subject, m.milestone(), m.episode(), channel),
                merchantId, orderNumber, shipmentId, m.milestone(), m.episode(), m.reason(), channel, detectedAt);
    }

    /** Whether it names everything a sender needs (a queue message that does not is a poison message). */
    public boolean complete() {
        return jobId != null && merchantId != null && orderNumber != null && milestone != null && channel != null;
    }
}
