package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An SQS batch with partial batch failures (the event source mapping sets {@code ReportBatchItemFailures}): each
 * message is handled alone, and only those that ask for it, or throw, are reported, so only they come back after
 * the visibility timeout (then, after maxReceiveCount, the dead-letter queue). Every log line written while a
 * message is handled carries its {@code messageId}.
 */
public final class SqsBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    /** What to do with a handled message. */
    public enum Disposition {
        /** Done: Lambda deletes it. */
        DONE,
        /** Report it failed: SQS delivers it again after its visibility timeout. */
        RETRY
    }

    @FunctionalInterface
    public interface MessageHandler {
        Disposition handle(SQSEvent.SQSMessage message);
    }

    private SqsBatch() {
    }

    /** A handler that throws has its message reported failed (and logged); the other messages go on. */
    public static SQSBatchResponse process(SQSEvent event, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            Map<String, String> context = MDC.getCopyOfContextMap();
            MDC.put("messageId", message.getMessageId());
            try {
                if (handler.handle(message) == Disposition.RETRY) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            } catch (RuntimeException e) {
                LOG.error("message failed; SQS will deliver it again: {}", SafeErrors.describe(e), SafeErrors.redacted(e));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } finally {
                restore(context);
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    static void restore(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
