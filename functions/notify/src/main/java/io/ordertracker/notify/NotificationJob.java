package io.ordertracker.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.notify.DetectedMilestone;
import io.ordertracker.domain.notify.NotificationKeys;
import io.ordertracker.lambda.Json;
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

    public String toJson() {
        return Json.write(this);
    }

    public static NotificationJob fromJson(String json) {
        try {
            NotificationJob job = Json.MAPPER.readValue(json, NotificationJob.class);
            if (job.jobId() == null || job.merchantId() == null || job.orderNumber() == null
                    || job.milestone() == null || job.channel() == null) {
                throw new IllegalArgumentException("incomplete notification job");
            }
            return job;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a notification job", e);
        }
    }
}
