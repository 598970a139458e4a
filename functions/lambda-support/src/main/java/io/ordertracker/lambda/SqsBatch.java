package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An SQS batch with partial batch failures (the event source mapping sets {@code ReportBatchItemFailures}): each
 * message is handled alone, and only those that ask for it, or throw, are reported, so only they come back after
 * the visibility timeout (then, after maxReceiveCount, the dead-letter queue). Every log line written while a
 * message is handled carries its {@code messageId}.
 *
 * <p>With a {@link TimeBudget} no message is started once less time is left than one message may need: those are
 * reported failed without being touched, so they come back after the visibility timeout instead of being cut off
 * by the function's timeout (which fails the whole batch, finished messages included).
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

    /**
     * How long the invocation may still run, and the reserve: the most one message may need. A message is started
     * only while the time left is at least the reserve.
     */
    public record TimeBudget(IntSupplier remainingMillis, Duration reserve) {
        /** The variable that sets a function's reserve, in seconds. */
        public static final String RESERVE_ENV = "MESSAGE_TIME_RESERVE_SECONDS";
        /** No deadline: every message is started. */
        public static final TimeBudget UNLIMITED = new TimeBudget(() -> Integer.MAX_VALUE, Duration.ZERO);

        /** The invocation's own deadline; without a context (tests, tools) there is none. */
        public static TimeBudget of(Context context, Duration reserve) {
            return context == null ? UNLIMITED : new TimeBudget(context::getRemainingTimeInMillis, reserve);
        }

        /** {@link #of} with the reserve from {@value #RESERVE_ENV}, else {@code fallback}. */
        public static TimeBudget fromEnvironment(Context context, Duration fallback) {
            return of(context, Env.get(RESERVE_ENV).map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(fallback));
        }

        boolean allowsAnother() {
            return remainingMillis.getAsInt() >= reserve.toMillis();
        }
    }

    private SqsBatch() {
    }

    /** A handler that throws has its message reported failed (and logged); the other messages go on. */
    public static SQSBatchResponse process(SQSEvent event, MessageHandler handler) {
        return process(event, TimeBudget.UNLIMITED, handler);
    }

    /**
     * As {@link #process(SQSEvent, MessageHandler)}, starting each message after the first only while
     * {@code budget} allows it. The first is always started: Lambda gives every invocation its whole timeout, and a
     * reserve set longer than that must not leave every message unstarted until the dead-letter queue takes it.
     */
    public static SQSBatchResponse process(SQSEvent event, TimeBudget budget, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event.getRecords();
        for (int i = 0; i < messages.size(); i++) {
            SQSEvent.SQSMessage message = messages.get(i);
            if (i > 0 && !budget.allowsAnother()) {
                LOG.warn("{} ms left, less than the {} ms one message may need: {} of {} messages not started; SQS"
                        + " delivers them again after the visibility timeout", budget.remainingMillis().getAsInt(),
                        budget.reserve().toMillis(), messages.size() - i, messages.size());
                messages.subList(i, messages.size()).forEach(m ->
                        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId())));
                break;
            }
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
