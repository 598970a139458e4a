package io.ordertracker.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.lambda.SafeErrors;
import io.ordertracker.lambda.SqsBatch.Disposition;
import io.ordertracker.lambda.SqsBatch.TimeBudget;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.lambda.SqsBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQS batch of notification jobs through a {@link JobSender}, with partial batch failures:
 * <ul>
 *   <li>sent, duplicate, stale, suppressed, opted out, no contact: done (deleted by Lambda);</li>
 *   <li>deferred (quiet hours): the message is made invisible until the end of the quiet window and reported
 *       failed, so SQS keeps it and hands it back in the morning;</li>
 *   <li>throttled (the provider refused the send rate): the message is made invisible for a {@link ThrottleBackoff}
 *       wait and reported failed; the batch's later jobs are not tried (the provider would refuse them too) and
 *       wait the same way. Counted as throttled, not failed; the queues' maxReceiveCount leaves room for hours of
 *       it (docs/notifications.md);</li>
 *   <li>in flight (another copy holds the claim), a malformed body or an error: reported failed, retried after
 *       the visibility timeout, dead-lettered after maxReceiveCount.</li>
 * </ul>
 */
public final class JobBatchProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(JobBatchProcessor.class);
    /** SQS caps a message's visibility at 12 hours from its first receipt; stay under it. */
    static final long MAX_VISIBILITY_SECONDS = 43_000;
    /** No job is started with less time left: one SES/SNS call at its API-call timeout (15 s, AwsClients). */
    static final Duration MESSAGE_RESERVE = Duration.ofSeconds(15);

    /** Sends one job (the {@link NotificationSender} of the function's channel). */
    @FunctionalInterface
    public interface JobSender {
        NotificationSender.Result send(NotificationJob job);
    }

    /** Hands a received message back to the queue after a delay (SQS: its visibility timeout). */
    @FunctionalInterface
    public interface Redelivery {
        void after(String receiptHandle, Duration delay);
    }

    private final JobSender sender;
    private final Redelivery redelivery;
    private final Clock clock;
    private final Tally tally;
    private final ThrottleBackoff backoff;

    public JobBatchProcessor(JobSender sender, Redelivery redelivery, Clock clock, Tally tally) {
        this(sender, redelivery, clock, tally, ThrottleBackoff.withJitter());
    }

    public JobBatchProcessor(JobSender sender, Redelivery redelivery, Clock clock, Tally tally, ThrottleBackoff backoff) {
        this.sender = sender;
        this.redelivery = redelivery;
        this.clock = clock;
        this.tally = tally;
        this.backoff = backoff;
    }

    public SQSBatchResponse process(SQSEvent event) {
        return process(event, TimeBudget.UNLIMITED);
    }

    public SQSBatchResponse process(SQSEvent event, TimeBudget budget) {
        Batch batch = new Batch();
        return SqsBatch.process(event, budget, message -> handle(message, batch));
    }

    /** What one batch has learnt so far. */
    private static final class Batch {
        /** The provider throttled a send of this batch. */
        boolean throttled;
    }

    /** One invocation of a sender function: the batch, with structured logging around it and its counts published. */
    public SQSBatchResponse handleInvocation(SQSEvent event, Context context) {
        return Telemetry.around(context, () -> {
            try {
                return process(event, TimeBudget.fromEnvironment(context, MESSAGE_RESERVE));
            } finally {
                tally.publish();
            }
        });
    }

    private Disposition handle(SQSEvent.SQSMessage message, Batch batch) {
        NotificationJob job;
        try {
            job = JobMessages.parse(message.getBody());
        } catch (IllegalArgumentException e) {
            // A malformed job never becomes valid: fail it so it ends in the DLQ for a human to look at.
            LOG.error("malformed notification job {}: {}", message.getMessageId(), SafeErrors.describe(e), SafeErrors.redacted(e));
            tally.add("NotificationsFailed", Map.of("Channel", "UNKNOWN", "Milestone", "UNKNOWN"));
            return Disposition.RETRY;
        }
        Map<String, String> dims = Map.of("Channel", job.channel().name(), "Milestone", job.milestone().name());
        if (batch.throttled) {
            return waitForProvider(message, job, dims);
        }
        NotificationSender.Result result;
        try {
            result = sender.send(job);
        } catch (Gateways.Throttled e) {
            LOG.warn("job {} not sent: {}; this batch's remaining jobs wait too", job.jobId(), e.getMessage());
            batch.throttled = true;
            return waitForProvider(message, job, dims);
        } catch (RuntimeException e) {
            LOG.error("notification job {} failed: {}", job.jobId(), SafeErrors.describe(e), SafeErrors.redacted(e));
            tally.add("NotificationsFailed", dims);
            return Disposition.RETRY;
        }
        LOG.info("job {} -> {}", job.jobId(), result.outcome());
        switch (result.outcome()) {
            case SENT -> tally.add("NotificationsSent", dims);
            case SUPPRESSED, OPTED_OUT -> tally.add("NotificationsSuppressed", dims);
            case UNSUBSCRIBED -> tally.add("NotificationsUnsubscribed", dims);
            case STALE -> tally.add("NotificationsStale", dims);
            case NO_CONTACT -> tally.add("NotificationsNoContact", dims);
            case DUPLICATE -> tally.add("NotificationsDuplicate", dims);
            case DEFERRED -> {
                tally.add("NotificationsDeferred", dims);
                redelivery.after(message.getReceiptHandle(), delayUntil(result.deferUntil()));
                return Disposition.RETRY;
            }
            case IN_FLIGHT -> {
                return Disposition.RETRY;
            }
        }
        return Disposition.DONE;
    }

    /** Throttled: hidden for a backoff that grows with the message's receives, and handed back to SQS. */
    private Disposition waitForProvider(SQSEvent.SQSMessage message, NotificationJob job, Map<String, String> dims) {
        Duration wait = backoff.after(receiveCount(message));
        redelivery.after(message.getReceiptHandle(), wait);
        tally.add("NotificationsThrottled", dims);
        LOG.info("job {} waits {} s for the provider's send rate", job.jobId(), wait.getSeconds());
        return Disposition.RETRY;
    }

    /** SQS's count of this message's receives (this one included); 1 when the event does not carry it. */
    static int receiveCount(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private Duration delayUntil(Instant until) {
        long seconds = Math.max(1, Math.min(MAX_VISIBILITY_SECONDS, Duration.between(clock.instant(), until).getSeconds()));
        return Duration.ofSeconds(seconds);
    }
}
