package io.ordertracker.webhooks;

import io.ordertracker.domain.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link DeliveryQueue} on SQS FIFO queues (the webhook queue and its dead-letter queue). */
public final class SqsDeliveryQueue implements DeliveryQueue {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterUrl;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl, String deadLetterUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    @Override
    public void send(List<Entry> entries) {
        for (int i = 0; i < entries.size(); i += 10) {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            List<Entry> chunk = entries.subList(i, Math.min(entries.size(), i + 10));
            for (int j = 0; j < chunk.size(); j++) {
                Entry e = chunk.get(j);
                batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j))
                        .messageBody(e.message().toJson()).messageGroupId(groupId(e.groupId()))
                        .messageDeduplicationId(Hashing.sha256Hex(e.dedupId()).substring(0, 64)).build());
            }
            SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            if (!r.failed().isEmpty()) {
                // Nothing after a failed entry may go ahead of it: fail the whole call (the stream retries it; the
                // entries already sent are dropped as duplicates by their deduplication ids).
                throw new IllegalStateException("webhook queue refused " + r.failed().size() + " messages: "
                        + r.failed().get(0).code());
            }
        }
    }

    @Override
    public void retryAfter(String receiptHandle, long seconds) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) seconds));
    }

    @Override
    public void deadLetter(DeliveryMessage message, String groupId, String why) {
        sqs.sendMessage(b -> b.queueUrl(deadLetterUrl).messageBody(message.toJson())
                .messageGroupId(groupId(groupId))
                .messageDeduplicationId(Hashing.sha256Hex(message.deliveryId() + "|dead").substring(0, 64))
                .messageAttributes(Map.of("reason", MessageAttributeValue.builder().dataType("String")
                        .stringValue(why).build())));
    }

    /** SQS allows 128 characters of [A-Za-z0-9!-~] for a group id. */
    static String groupId(String raw) {
        return raw.length() <= 128 ? raw.replaceAll("[^!-~]", "_") : Hashing.sha256Hex(raw);
    }
}
