package io.ordertracker.notify;

import io.ordertracker.domain.analytics.Fact;
import io.ordertracker.domain.analytics.FactRules;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.domain.analytics.MessageSent;
import io.ordertracker.domain.analytics.NotificationOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery of provider reports (an SNS event of SES events, or a CloudWatch Logs event of SMS statuses, as the
 * Lambda runtime hands them over: maps) to outcome facts, each counted once ({@link MerchantFacts#record}).
 * Reports that are no outcome of ours (untagged emails, texts we have no record of, other event types) are ignored;
 * a store failure is thrown, so that the invocation is retried.
 */
public final class OutcomeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final FactRules rules;
    private final MerchantFacts facts;
    private final Function<String, Optional<MessageSent>> smsMessages;

    /** @param smsMessages whose text an SNS message id was (the SMS sender's record of it) */
    public OutcomeRecorder(FactRules rules, MerchantFacts facts, Function<String, Optional<MessageSent>> smsMessages) {
        this.rules = rules;
        this.facts = facts;
        this.smsMessages = smsMessages;
    }

    /** @return how many outcomes were counted, already counted before, and ignored */
    public Map<String, Integer> record(Map<String, Object> event) {
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
        return counts;
    }

    private static Optional<NotificationOutcome> sesOutcome(Object record) {
        if (record instanceof Map<?, ?> r && r.get("Sns") instanceof Map<?, ?> sns
                && sns.get("Message") instanceof String message) {
            try {
                return OutcomeEvents.ses(message);
            } catch (IllegalArgumentException e) {
                // retrying would not make it one; the message is not logged (it may hold an address)
                LOG.warn("not an SES event, ignored ({})", e.getCause() == null ? "no JSON" : e.getCause().getClass().getSimpleName());
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
