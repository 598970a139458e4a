package io.ordertracker.local.runtime;

/**
 * What a chaos run injects into the local runtime, reproducibly from one seed ({@link ChaosInjector}).
 *
 * @param seed          every draw (carrier faults, crashes, duplicated deliveries) derives from it
 * @param faultRate     probability that a carrier tracking call is faulted (5xx, 429, timeout, bad body, token)
 * @param crashRate     probability that a function invocation from an event source (queue, stream, schedule) dies
 *                      after one of its AWS writes, or after its handler returned before the event source
 *                      acknowledged the batch
 * @param duplicateRate probability that an event source delivers a batch a second time (an SQS batch at once, a
 *                      stream batch after the next one, so a shard's records arrive out of order)
 */
public record ChaosSettings(long seed, double faultRate, double crashRate, double duplicateRate) {
    public ChaosSettings {
        for (double rate : new double[] {faultRate, crashRate, duplicateRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rates must be within 0..1: " + rate);
            }
        }
    }
}
