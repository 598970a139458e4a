package io.ordertracker.domain.polling;

/**
 * Where the pipeline reports what it spends and what fails. In Lambda: CloudWatch EMF through Powertools (see the
 * handlers); in tests and the bench: counters in memory.
 */
@FunctionalInterface
public interface PipelineMetrics {
    PipelineMetrics NONE = (name, value) -> { };

    void count(String name, double value);
}
