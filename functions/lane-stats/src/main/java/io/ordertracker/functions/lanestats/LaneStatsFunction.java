package io.ordertracker.functions.lanestats;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.domain.notify.TableChange;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.StreamBatch;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TableChanges;
import io.ordertracker.storage.TrackingTable;
import java.time.Duration;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The table's stream, filtered by the event source mapping to shipments whose new image is DELIVERED, to the lane
 * baselines: each delivery counted once on its carrier, service and lane ({@link LaneBaselines#learn}); a record
 * that fails stops the batch and is retried from ({@link StreamBatch}).
 */
public class LaneStatsFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final LaneBaselines baselines;
    @SuppressWarnings("unused")
    private final Priming priming;

    public LaneStatsFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        this.baselines = table.laneBaselines(Clocks.fromEnvironment(), Duration.ZERO);
        this.priming = Priming.register(table::prime);
    }

    public LaneStatsFunction(LaneBaselines baselines) {
        this.baselines = baselines;
        this.priming = null;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Telemetry.around(context, () -> StreamBatch.process(event, record -> {
            if (TableChanges.of(record) instanceof TableChange.ShipmentChanged c
                    && baselines.learn(c.before(), c.after()).isPresent()) {
                Telemetry.metrics().addMetric("LaneDeliveriesCounted", 1, MetricUnit.COUNT);
            }
        }, record -> Telemetry.metrics().addMetric("LaneStatsFailed", 1, MetricUnit.COUNT)));
    }
}
