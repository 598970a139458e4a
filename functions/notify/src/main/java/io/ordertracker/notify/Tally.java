package io.ordertracker.notify;

import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Telemetry;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Counts outcomes per (metric, dimensions) during one invocation and publishes each as its own EMF metric
 * (sent, suppressed, failed per channel and milestone; exceptions by reason): the shared Powertools metrics
 * object has one dimension set per flush, these need one per count.
 */
public final class Tally {
    public record Key(String metric, Map<String, String> dimensions) {
    }

    private final Map<Key, Integer> counts = new LinkedHashMap<>();
    /** Everything ever counted by this instance (published or not), for tests and the local runtime's pages. */
    private final Map<Key, Integer> totals = new LinkedHashMap<>();

    public synchronized void add(String metric, Map<String, String> dimensions) {
        Key key = new Key(metric, Map.copyOf(dimensions));
        counts.merge(key, 1, Integer::sum);
        totals.merge(key, 1, Integer::sum);
    }

    /** How often {@code metric} with exactly these dimensions was counted since this tally was made. */
    public synchronized int count(String metric, Map<String, String> dimensions) {
        return totals.getOrDefault(new Key(metric, Map.copyOf(dimensions)), 0);
    }

    public synchronized int total(String metric) {
        return totals.entrySet().stream().filter(e -> e.getKey().metric().equals(metric))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** Publishes every count as an EMF line and starts over. */
    public synchronized void publish() {
        String namespace = Env.get("POWERTOOLS_METRICS_NAMESPACE").orElse("OrderTracker");
        counts.forEach((key, value) -> Telemetry.metrics().flushSingleMetric(key.metric(), value, MetricUnit.COUNT,
                namespace, key.dimensions().isEmpty() ? new DimensionSet() : DimensionSet.of(key.dimensions())));
        counts.clear();
    }

    public synchronized Map<Key, Integer> snapshot() {
        return Map.copyOf(totals);
    }
}
