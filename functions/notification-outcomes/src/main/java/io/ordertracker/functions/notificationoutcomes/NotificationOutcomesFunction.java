package io.ordertracker.functions.notificationoutcomes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.ordertracker.domain.analytics.Fact;
import io.ordertracker.domain.analytics.FactRules;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.domain.analytics.MessageSent;
import io.ordertracker.domain.analytics.NotificationOutcome;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.notify.OutcomeEvents;
import io.ordertracker.storage.TrackingTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What became of the messages sent, to the merchants' daily aggregates (docs/analytics.md), from two sources the
 * template wires to this one function: SES events of the configuration set (delivery, bounce, complaint, open,
 * click) through the email feedback topic (an SNS event), and SNS SMS delivery-status logs through a CloudWatch Logs
 * subscription filter (an {@code awslogs} event). Each outcome is a fact counted once per (message id, kind), so a
 * redelivered event, or a second open of the same email, changes nothing. A store failure fails the invocation:
 * Lambda retries the asynchronous event, then sends it to the dead-letter queue.
 */
public class NotificationOutcomesFunction implements RequestHandler<Map<String, Object>, Map<String, Integer>> {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationOutcomesFunction.class);

    private final FactRules rules;
    private final MerchantFacts facts;
    private final Function<String, Optional<MessageSent>> smsMessages;
    @SuppressWarnings("unused")
    private final Priming priming;

    public NotificationOutcomesFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        this.rules = new FactRules((merchant, order) -> Optional.empty()); // outcomes never read an order
        this.facts = table.merchantFacts(Clocks.fromEnvironment());
        var ledger = table.ledger(java.time.Duration.ZERO);
        this.smsMessages = ledger::smsMessage;
        this.priming = Priming.register(table::prime);
    }

    /** @param smsMessages whose text an SNS message id was (the SMS sender's record of it) */
    public NotificationOutcomesFunction(FactRules rules, MerchantFacts facts,
                                        Function<String, Optional<MessageSent>> smsMessages) {
        this.rules = rules;
        this.facts = facts;
        this.smsMessages = smsMessages;
        this.priming = null;
    }

    @Override
    public Map<String, Integer> handleRequest(Map<String, Object> event, Context context) {
        return Telemetry.around(context, () -> {
            Map<String, Integer> counts = new LinkedHashMap<>(Map.of("counted", 0, "alreadyCounted", 0, "ignored", 0));
            if (event.get("awslogs") instanceof Map<?, ?> logs && logs.get("data") instanceof String data) {
                for (OutcomeEvents.SmsStatus status : OutcomeEvents.smsStatuses(data)) {
                    Optional<MessageSent> sent = smsMessages.apply(status.messageId());
                    count(counts, sent.map(m -> OutcomeEvents.outcome(status, m.merchantId(), m.milestone())));
                }
            } else if (event.get("Records") instanceof List<?> records) {
                for (Object record : records) {
                    count(counts, sesOutcome(record));
                }
            } else {
                throw new IllegalArgumentException("neither an SNS event (Records) nor a CloudWatch Logs event (awslogs)");
            }
            counts.forEach((what, n) -> Telemetry.metrics().addMetric("Outcomes_" + what, n, MetricUnit.COUNT));
            LOG.info("notification outcomes {}", counts);
            return counts;
        });
    }

    private static Optional<NotificationOutcome> sesOutcome(Object record) {
        if (record instanceof Map<?, ?> r && r.get("Sns") instanceof Map<?, ?> sns
                && sns.get("Message") instanceof String message) {
            try {
                return OutcomeEvents.ses(message);
            } catch (IllegalArgumentException e) {
                LOG.warn("not an SES event, ignored: {}", e.getMessage()); // retrying would not make it one
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void count(Map<String, Integer> counts, Optional<NotificationOutcome> outcome) {
        if (outcome.isEmpty()) {
            counts.merge("ignored", 1, Integer::sum);
            return;
        }
        for (Fact fact : rules.facts(outcome.get())) {
            counts.merge(facts.record(fact) ? "counted" : "alreadyCounted", 1, Integer::sum);
        }
    }
}
