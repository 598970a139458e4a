package io.ordertracker.functions.suppression;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.ordertracker.domain.notify.SuppressionList;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.notify.EmailFeedbackRecorder;
import io.ordertracker.notify.Tally;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SES delivery, bounce and complaint events (from the configuration set, through SNS) to the suppression list
 * ({@link EmailFeedbackRecorder}). What still fails goes to the function's dead-letter queue after SNS's retries.
 */
public class SuppressionFunction implements RequestHandler<SNSEvent, Map<String, Integer>> {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionFunction.class);

    private final EmailFeedbackRecorder recorder;
    private final Tally tally;
    @SuppressWarnings("unused")
    private final Priming priming;

    public SuppressionFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        this.tally = new Tally();
        this.recorder = new EmailFeedbackRecorder(table.suppressions(), Clocks.fromEnvironment(), tally);
        this.priming = Priming.register(table::prime);
    }

    public SuppressionFunction(SuppressionList suppressions, Clock clock, Tally tally) {
        this.tally = tally;
        this.recorder = new EmailFeedbackRecorder(suppressions, clock, tally);
        this.priming = null;
    }

    @Override
    public Map<String, Integer> handleRequest(SNSEvent event, Context context) {
        return Telemetry.around(context, () -> {
            int suppressed = 0;
            try {
                for (SNSEvent.SNSRecord record : event.getRecords()) {
                    suppressed += recorder.record(record.getSNS().getMessage());
                }
            } finally {
                tally.publish();
            }
            LOG.info("{} addresses newly suppressed", suppressed);
            return Map.of("suppressed", suppressed);
        });
    }
}
