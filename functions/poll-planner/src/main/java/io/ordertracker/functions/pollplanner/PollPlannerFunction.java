package io.ordertracker.functions.pollplanner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.polling.PipelineMetrics;
import io.ordertracker.polling.PollPlanRun;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Scheduled every five minutes: reads what is due from the sharded polling index, keeps within each carrier's daily
 * budget, and sends per-carrier batches to the tracking queue ({@link PollPlanRun} does the work).
 */
public class PollPlannerFunction implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(PollPlannerFunction.class);

    private final PollPlanRun run;
    @SuppressWarnings("unused")
    private final Priming priming;

    public PollPlannerFunction() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB");
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        String table = Env.require("TABLE_NAME");
        String queueUrl = Env.require("TRACKING_QUEUE_URL");
        // Shards are read, and planned shipments leased, in parallel: a run's wall time is bounded by the slowest
        // shard, not their sum (docs/polling.md).
        ExecutorService executor = Executors.newFixedThreadPool(Env.intValue("PLANNER_PARALLELISM", 16));
        this.run = new PollPlanRun(new DynamoDbShipmentTracker(dynamo, table), sqs, queueUrl, config(),
                Clocks.fromEnvironment(), executor, metrics());
        this.priming = Priming.register(() -> dynamo.describeTable(b -> b.tableName(table)));
    }

    public PollPlannerFunction(PollPlanRun run) {
        this.run = run;
        this.priming = null;
    }

    /** The planner's configuration, all from the environment template.yaml sets. */
    public static PollPlanRun.Config config() {
        return new PollPlanRun.Config(Env.intValue("PLANNER_MAX_PER_SHARD", 5000),
                Duration.ofMinutes(Env.intValue("PLANNER_RATE_MINUTES", 5)),
                PollPlanRun.budgets(Env.get("CARRIER_DAILY_BUDGETS").orElse("")),
                PollingSettings.from(name -> Env.get(name).orElse(null)));
    }

    static PipelineMetrics metrics() {
        return (name, value) -> Telemetry.metrics().addMetric(name, value, MetricUnit.COUNT);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Telemetry.around(context, () -> {
            List<PollPlanRun.CarrierPlan> plans = run.run();
            Map<String, Object> summary = new LinkedHashMap<>();
            for (PollPlanRun.CarrierPlan p : plans) {
                summary.put(p.carrier().code(), Map.of("due", p.due(), "planned", p.planned(),
                        "messages", p.messages(), "leaseLost", p.leaseLost()));
            }
            LOG.info("planned {}", summary);
            return summary;
        });
    }
}
