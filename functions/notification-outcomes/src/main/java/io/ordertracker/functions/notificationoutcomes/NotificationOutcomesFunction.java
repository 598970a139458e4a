package io.ordertracker.functions.notificationoutcomes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.ordertracker.domain.analytics.FactRules;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.domain.analytics.MessageSent;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.notify.OutcomeRecorder;
import io.ordertracker.storage.TrackingTable;
import java.time.Duration;
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
 * subscription filter (an {@code awslogs} event). Each outcome is a fact counted once per (message id, kind)
 * ({@link OutcomeRecorder}), so a redelivered event, or a second open of the same email, changes nothing. A store
 * failure fails the invocation: Lambda retries the asynchronous event, then sends it to the dead-letter queue.
 */
public class NotificationOutcomesFunction implements RequestHandler<Map<String, Object>, Map<String, Integer>> {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationOutcomesFunction.class);

    private final OutcomeRecorder recorder;
    @SuppressWarnings("unused")
    private final Priming priming;

    public NotificationOutcomesFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        // outcomes never read an order; the ledger is only asked whose text an SNS message id was
        this.recorder = new OutcomeRecorder(new FactRules((merchant, order) -> Optional.empty()),
                table.merchantFacts(Clocks.fromEnvironment()), table.ledger(Duration.ZERO)::smsMessage);
        this.priming = Priming.register(table::prime);
    }

    /** @param smsMessages whose text an SNS message id was (the SMS sender's record of it) */
    public NotificationOutcomesFunction(FactRules rules, MerchantFacts facts,
                                        Function<String, Optional<MessageSent>> smsMessages) {
        this.recorder = new OutcomeRecorder(rules, facts, smsMessages);
        this.priming = null;
    }

    @Override
    public Map<String, Integer> handleRequest(Map<String, Object> event, Context context) {
        return Telemetry.around(context, () -> {
            Map<String, Integer> counts = recorder.record(event);
            counts.forEach((what, n) -> Telemetry.metrics().addMetric("Outcomes_" + what, n, MetricUnit.COUNT));
            LOG.info("notification outcomes {}", counts);
            return counts;
        });
    }
}
