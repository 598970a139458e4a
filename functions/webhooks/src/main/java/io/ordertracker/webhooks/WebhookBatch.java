package io.ordertracker.webhooks;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.lambda.SafeErrors;
import io.ordertracker.lambda.SqsBatch;
import io.ordertracker.lambda.SqsBatch.Disposition;
import io.ordertracker.lambda.SqsBatch.TimeBudget;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of the FIFO webhook queue. Order within a message group (an endpoint's shipment) must hold: once one
 * message of a group waits for a retry or fails, the batch's later messages of that group are not attempted and
 * are reported failed with it, so they come back behind it.
 */
public final class WebhookBatch {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookBatch.class);

    private final WebhookSender sender;
    private final BiConsumer<String, Map<String, String>> count;

    /** @param count adds one to a metric (name, dimensions) */
    public WebhookBatch(WebhookSender sender, BiConsumer<String, Map<String, String>> count) {
        this.sender = sender;
        this.count = count;
    }

    public SQSBatchResponse process(SQSEvent event, TimeBudget budget) {
        Set<String> held = new HashSet<>();
        return SqsBatch.process(event, budget, message -> {
            String group = message.getAttributes() == null ? null : message.getAttributes().get("MessageGroupId");
            if (group != null && held.contains(group)) {
                return Disposition.RETRY;
            }
            try {
                DeliveryMessage m = DeliveryMessage.parse(message.getBody());
                WebhookSender.Outcome outcome = sender.attempt(m, message.getReceiptHandle());
                count.accept("Webhook" + camel(outcome.name()), Map.of("EventType", m.eventType() == null ? "unknown" : m.eventType()));
                if (outcome == WebhookSender.Outcome.RETRY_LATER) {
                    held.add(group == null ? "" : group);
                    return Disposition.RETRY;
                }
                return Disposition.DONE;
            } catch (RuntimeException e) {
                LOG.error("webhook delivery message failed: {}", SafeErrors.describe(e), SafeErrors.redacted(e));
                count.accept("WebhookErrors", Map.of());
                if (group != null) {
                    held.add(group);
                }
                return Disposition.RETRY;
            }
        });
    }

    private static String camel(String upper) {
        StringBuilder b = new StringBuilder();
        for (String part : upper.split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
