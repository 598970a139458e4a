package io.ordertracker.functions.suppression;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.ordertracker.domain.Channel;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.notify.SesFeedback;
import io.ordertracker.notify.SuppressionList;
import io.ordertracker.notify.Tally;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SES delivery, bounce and complaint events (from the configuration set, through SNS) to the suppression list:
 * hard bounces and complaints suppress the address for good; everything is counted. Idempotent (the list's
 * put is conditional), so SNS retries are harmless; what still fails goes to the function's dead-letter queue.
 */
public class SuppressionFunction implements RequestHandler<SNSEvent, Map<String, Integer>> {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionFunction.class);

    private final SuppressionList suppressions;
    private final Clock clock;
    private final Tally tally;
    @SuppressWarnings("unused")
    private final Priming priming;

    public SuppressionFunction() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB");
        String table = Env.require("TABLE_NAME");
        this.suppressions = new SuppressionList(dynamo, table);
        this.clock = Clocks.fromEnvironment();
        this.tally = new Tally();
        this.priming = Priming.register(() -> dynamo.describeTable(b -> b.tableName(table)));
    }

    public SuppressionFunction(SuppressionList suppressions, Clock clock, Tally tally) {
        this.suppressions = suppressions;
        this.clock = clock;
        this.tally = tally;
        this.priming = null;
    }

    @Override
    public Map<String, Integer> handleRequest(SNSEvent event, Context context) {
        return Telemetry.around(context, () -> {
            int suppressed = 0;
            try {
                for (SNSEvent.SNSRecord record : event.getRecords()) {
                    SesFeedback feedback;
                    try {
                        feedback = SesFeedback.parse(record.getSNS().getMessage());
                    } catch (IllegalArgumentException e) {
                        // not an SES event (it never will be): count and drop rather than retry into the DLQ
                        LOG.warn("ignoring a message that is not an SES notification", e);
                        tally.add("EmailFeedback", Map.of("Type", "Malformed"));
                        continue;
                    }
                    tally.add("EmailFeedback", Map.of("Type", feedback.type()));
                    if (!feedback.suppresses()) {
                        continue;
                    }
                    for (String address : feedback.recipients()) {
                        if (suppressions.suppress(Channel.EMAIL, address, feedback.type()
                                + (feedback.bounceType() == null ? "" : ":" + feedback.bounceType()), clock.instant())) {
                            suppressed++;
                            tally.add("AddressesSuppressed", Map.of("Type", feedback.type()));
                        }
                    }
                }
            } finally {
                tally.publish();
            }
            LOG.info("{} addresses newly suppressed", suppressed);
            return Map.of("suppressed", suppressed);
        });
    }
}
