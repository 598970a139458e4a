package io.ordertracker.polling;

import io.ordertracker.carriers.TrackingClients;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.polling.PipelineMetrics;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Telemetry;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** What the polling functions configure alike, from the environment template.yaml sets. */
public final class PollingWiring {
    private PollingWiring() {
    }

    /** Cadence and expiry settings ({@code POLL_*} variables, defaults in {@link PollingSettings}). */
    public static PollingSettings settings() {
        return PollingSettings.from(name -> Env.get(name).orElse(null));
    }

    public static TrackingProgress progress() {
        return new TrackingProgress(new PollCadence(settings()));
    }

    /** Counts as CloudWatch EMF metrics of the current invocation. */
    public static PipelineMetrics metrics() {
        return (name, value) -> Telemetry.metrics().addMetric(name, value, MetricUnit.COUNT);
    }

    /** Carrier hosts: production unless {@code UPS_BASE_URL}, {@code FEDEX_BASE_URL}, ... say otherwise. */
    public static Map<Carrier, URI> carrierBaseUrls() {
        Map<String, String> env = new HashMap<>();
        for (Carrier c : Carrier.values()) {
            Env.get(c.name() + "_BASE_URL").ifPresent(v -> env.put(c.name() + "_BASE_URL", v));
        }
        return TrackingClients.baseUrlsFromEnvironment(env);
    }
}
