package io.ordertracker.notify;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One SQS batch of notification jobs through a {@link NotificationSender}, with partial batch failures:
 * <ul>
 *   <li>sent, duplicate, stale, suppressed, opted out, no contact: done (deleted by Lambda);</li>
 *   <li>deferred (quiet hours): the message's visibility is pushed to the end of the quiet window and it is
 *       reported failed, so SQS keeps it and hands it back in the morning;</li>
 *   <li>in flight (another copy holds the claim) or an error: reported failed, retried after the visibility
 *       timeout, dead-lettered after maxReceiveCount.</li>
 * </ul>
 */
public final class JobBatchProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(JobBatchProcessor.class);
    /** SQS caps a message's visibility at 12 hours from its first receipt; stay under it. */
    static final long MAX_VISIBILITY_SECONDS = 43_000;

    private final NotificationSender sender;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;
    private final Tally tally;

    public JobBatchProcessor(NotificationSender sender, SqsClient sqs, String queueUrl, Clock clock, Tally tally) {
        this.sender = sender;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
        this.tally = tally;
    }

    public SQSBatchResponse process(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            NotificationJob job;
            try {
                job = NotificationJob.fromJson(message.getBody());
            } catch (IllegalArgumentException e) {
                // A malformed job never becomes valid: fail it so it ends in the DLQ for a human to look at.
                LOG.error("malformed notification job {}", message.getMessageId(), e);
                tally.add("NotificationsFailed", Map.of("Channel", "UNKNOWN", "Milestone", "UNKNOWN"));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            Map<String, String> dims = Map.of("Channel", job.channel().name(), "Milestone", job.milestone().name());
            try {
                NotificationSender.Result result = sender.send(job);
                LOG.info("job {} -> {}", job.jobId(), result.outcome());
                switch (result.outcome()) {
                    case SENT -> tally.add("NotificationsSent", dims);
                    case SUPPRESSED, OPTED_OUT -> tally.add("NotificationsSuppressed", dims);
                    case STALE -> tally.add("NotificationsStale", dims);
                    case NO_CONTACT -> tally.add("NotificationsNoContact", dims);
                    case DUPLICATE -> tally.add("NotificationsDuplicate", dims);
                    case DEFERRED -> {
                        tally.add("NotificationsDeferred", dims);
                        defer(message, result.deferUntil());
                        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                    }
                    case IN_FLIGHT -> failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            } catch (RuntimeException e) {
                LOG.error("notification job {} failed", job.jobId(), e);
                tally.add("NotificationsFailed", dims);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void defer(SQSEvent.SQSMessage message, Instant until) {
        long seconds = Math.max(1, Math.min(MAX_VISIBILITY_SECONDS,
                Duration.between(clock.instant(), until).getSeconds()));
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
                .visibilityTimeout((int) seconds));
    }
}
