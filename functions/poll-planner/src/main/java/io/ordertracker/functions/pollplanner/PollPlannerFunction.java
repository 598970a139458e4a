package io.ordertracker.functions.pollplanner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.polling.PollPlanRun;
import io.ordertracker.polling.PollingWiring;
import io.ordertracker.polling.SqsTrackingQueue;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import io.ordertracker.storage.TrackingTable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

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
        TrackingTable table = TrackingTable.fromEnvironment();
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        DynamoDbShipmentTracker shipments = table.shipments();
        // Shards are read, and planned shipments leased, in parallel: a run's wall time is bounded by the slowest
        // shard, not their sum (docs/polling.md).
        ExecutorService executor = Executors.newFixedThreadPool(Env.intValue("PLANNER_PARALLELISM", 16));
        this.run = new PollPlanRun(shipments, shipments, new SqsTrackingQueue(sqs, Env.require("TRACKING_QUEUE_URL")),
                config(), Clocks.fromEnvironment(), executor, PollingWiring.metrics());
        this.priming = Priming.register(table::prime);
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
                PollingWiring.settings());
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
