package io.ordertracker.webhooks;

import java.util.List;

/** Where deliveries wait for the sender: a FIFO queue, one message group per (endpoint, shipment or order). */
public interface DeliveryQueue {

    /** One message to send. @param dedupId SQS FIFO's deduplication id (the same within 5 minutes is dropped) */
    record Entry(DeliveryMessage message, String groupId, String dedupId) {
    }

    /** Sends in order (FIFO keeps the order within a group). */
    void send(List<Entry> entries);

    /** Hides a received message for {@code seconds} (its next attempt), keeping its group waiting behind it. */
    void retryAfter(String receiptHandle, long seconds);

    /** Hands a delivery that gave up to the dead-letter queue, with its context. */
    void deadLetter(DeliveryMessage message, String groupId, String why);
}
