package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;

import java.time.Duration;

/**
 * A fault to inject into the next {@code count} tracking calls of one carrier.
 *
 * @param retryAfter RATE_LIMIT: the Retry-After the sandbox sends
 * @param delay      SLOW: how long the answer is held back
 */
public record Fault(Carrier carrier, FaultKind kind, int count, Duration retryAfter, Duration delay) {

    public static Fault of(Carrier carrier, FaultKind kind, int count) {
        return new Fault(carrier, kind, count, Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    public Fault withRetryAfter(Duration retryAfter) {
        return new Fault(carrier, kind, count, retryAfter, delay);
    }

    public Fault withDelay(Duration delay) {
        return new Fault(carrier, kind, count, retryAfter, delay);
    }
}
