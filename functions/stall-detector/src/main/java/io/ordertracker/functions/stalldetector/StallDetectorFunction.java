package io.ordertracker.functions.stalldetector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.notify.StallDetector;
import io.ordertracker.storage.TrackingTable;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Hourly: raises and clears the delayed/stalled flags; the change detector tells the shoppers. */
public class StallDetectorFunction implements RequestHandler<ScheduledEvent, StallDetector.Summary> {
    private static final Logger LOG = LoggerFactory.getLogger(StallDetectorFunction.class);

    private final StallDetector detector;
    @SuppressWarnings("unused")
    private final Priming priming;

    public StallDetectorFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        java.time.Clock clock = Clocks.fromEnvironment();
        // each lane's figures read once an hour per container: the hourly pass reads each lane about once
        this.detector = new StallDetector(table.stallWatch(), table.orders(), table.merchants(), config(), clock,
                table.laneBaselines(clock, java.time.Duration.ofHours(1)));
        this.priming = Priming.register(table::prime);
    }

    public StallDetectorFunction(StallDetector detector) {
        this.detector = detector;
        this.priming = null;
    }

    public static StallDetector.Config config() {
        return new StallDetector.Config(StallDetector.Config.parseDays(Env.get("STALL_BUSINESS_DAYS_BY_CARRIER").orElse("")),
                Env.intValue("PICKUP_BUSINESS_DAYS", 3), ZoneId.of(Env.get("DEFAULT_TIME_ZONE").orElse("UTC")));
    }

    @Override
    public StallDetector.Summary handleRequest(ScheduledEvent event, Context context) {
        return Telemetry.around(context, () -> {
            StallDetector.Summary summary = detector.run();
            var metrics = Telemetry.metrics();
            metrics.addMetric("ShipmentsExamined", summary.examined(), MetricUnit.COUNT);
            metrics.addMetric("DelayedRaised", summary.delayedRaised(), MetricUnit.COUNT);
            metrics.addMetric("DelayedCleared", summary.delayedCleared(), MetricUnit.COUNT);
            metrics.addMetric("StalledRaised", summary.stalledRaised(), MetricUnit.COUNT);
            metrics.addMetric("StalledCleared", summary.stalledCleared(), MetricUnit.COUNT);
            metrics.addMetric("StallWriteConflicts", summary.conflicts(), MetricUnit.COUNT);
            metrics.addMetric("StallsUnconfirmed", summary.stallsUnconfirmed(), MetricUnit.COUNT);
            LOG.info("stall/delay pass: {}", summary);
            return summary;
        });
    }
}
