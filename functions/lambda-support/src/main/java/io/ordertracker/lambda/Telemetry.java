package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Structured JSON logging and EMF metrics around one invocation, through Powertools' functional API (no AspectJ
 * weaving): the Lambda context enriches every log line, metrics are flushed once at the end even on failure.
 */
public final class Telemetry {
    private Telemetry() {
    }

    /**
     * The function's metrics. The namespace is set from the environment through {@link Env}, so the local runtime's
     * per-function environment applies too (Powertools itself reads only the process environment). So is the service
     * name of the EMF library underneath: on Lambda it names the function itself, anywhere else (the local runtime,
     * tests) it would log "Unknown ServiceName." at every flush.
     */
    public static Metrics metrics() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(Env.get("POWERTOOLS_METRICS_NAMESPACE").orElse("OrderTracker"));
        Env.get("POWERTOOLS_SERVICE_NAME").ifPresent(EnvironmentConfigurationProvider.getConfig()::setServiceName);
        return metrics;
    }

    /**
     * Runs one invocation: logging enriched with the Lambda context, metrics flushed at the end, and the logging
     * context (MDC: merchant, order, ...) cleared so nothing of this invocation leaks into the next one on the same
     * thread.
     */
    public static <T> T around(Context context, Supplier<T> body) {
        Metrics metrics = metrics();
        try {
            if (context == null) {
                return body.get();
            }
            return PowertoolsLogging.withLogging(context, body);
        } finally {
            metrics.flush();
            MDC.clear();
        }
    }
}
