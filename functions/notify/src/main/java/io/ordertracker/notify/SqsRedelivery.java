package io.ordertracker.notify;

import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link JobBatchProcessor.Redelivery} on SQS: the received message's visibility timeout is set to the delay. */
public final class SqsRedelivery implements JobBatchProcessor.Redelivery {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRedelivery(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void after(String receiptHandle, Duration delay) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) delay.getSeconds()));
    }
}
