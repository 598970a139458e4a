package io.ordertracker.functions.merchantstats;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ordertracker.domain.analytics.Fact;
import io.ordertracker.domain.analytics.FactRules;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.domain.notify.TableChange;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.StreamBatch;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.FactSources;
import io.ordertracker.storage.TableChanges;
import io.ordertracker.storage.TrackingTable;
import java.util.ArrayList;
import java.util.List;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The table's stream, filtered by the event source mapping to new orders, shipment writes, ledger entries marked
 * sent and shoppers' preferences with every email stopped, to the merchants' daily aggregates (docs/analytics.md): the record's facts ({@link FactRules}), each counted
 * once ({@link MerchantFacts#record} is idempotent per fact); a record that fails stops the batch and is retried
 * from ({@link StreamBatch}), its facts already counted finding their markers.
 */
public class MerchantStatsFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final FactRules rules;
    private final MerchantFacts facts;
    @SuppressWarnings("unused")
    private final Priming priming;

    public MerchantStatsFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        this.rules = new FactRules(table.orders()::findOrder);
        this.facts = table.merchantFacts(Clocks.fromEnvironment());
        this.priming = Priming.register(table::prime);
    }

    public MerchantStatsFunction(FactRules rules, MerchantFacts facts) {
        this.rules = rules;
        this.facts = facts;
        this.priming = null;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Telemetry.around(context, () -> StreamBatch.process(event, record -> {
            TableChange change = TableChanges.of(record);
            List<Fact> found = new ArrayList<>(rules.facts(change));
            if (change instanceof TableChange.Ignored) {
                FactSources.messageSent(record).ifPresent(m -> found.addAll(rules.facts(m)));
                FactSources.unsubscribed(record).ifPresent(u -> found.addAll(rules.facts(u)));
            }
            for (Fact fact : found) {
                boolean counted = facts.record(fact);
                Telemetry.metrics().addMetric(counted ? "FactsCounted" : "FactsAlreadyCounted", 1, MetricUnit.COUNT);
            }
        }, record -> Telemetry.metrics().addMetric("MerchantStatsFailed", 1, MetricUnit.COUNT)));
    }
}
