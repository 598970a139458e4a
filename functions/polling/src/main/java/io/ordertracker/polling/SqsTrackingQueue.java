package io.ordertracker.polling;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@link TrackingQueue} on SQS: batches of ten, each message with its carrier and size as attributes (for the
 * console and for replays from the dead-letter queue).
 */
public final class SqsTrackingQueue implements TrackingQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsTrackingQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<TrackingMessage> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<TrackingMessage> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                TrackingMessage m = chunk.get(i);
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("m" + (from + i))
                        .messageBody(m.toJson())
                        .messageAttributes(Map.of(
                                "carrier", MessageAttributeValue.builder().dataType("String").stringValue(m.carrier()).build(),
                                "shipments", MessageAttributeValue.builder().dataType("Number")
                                        .stringValue(Integer.toString(m.shipments().size())).build()))
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " tracking messages: "
                        + response.failed().get(0).message());
            }
        }
    }
}
