package io.ordertracker.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.notify.NotificationJob;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Jobs onto the email and SMS queues, in batches of ten; any entry SQS refuses fails the whole call (retried). */
public final class SqsJobQueues implements ChangeDetector.JobQueues {
    private final SqsClient sqs;
    private final String emailQueueUrl;
    private final String smsQueueUrl;

    public SqsJobQueues(SqsClient sqs, String emailQueueUrl, String smsQueueUrl) {
        this.sqs = sqs;
        this.emailQueueUrl = emailQueueUrl;
        this.smsQueueUrl = smsQueueUrl;
    }

    @Override
    public void enqueue(List<NotificationJob> jobs) {
        send(emailQueueUrl, jobs.stream().filter(j -> j.channel() == Channel.EMAIL).toList());
        send(smsQueueUrl, jobs.stream().filter(j -> j.channel() == Channel.SMS).toList());
    }

    private void send(String queueUrl, List<NotificationJob> jobs) {
        for (int from = 0; from < jobs.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<NotificationJob> chunk = jobs.subList(from, Math.min(jobs.size(), from + 10));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(JobMessages.toJson(chunk.get(i))).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " jobs: "
                        + response.failed().get(0).message());
            }
        }
    }
}
