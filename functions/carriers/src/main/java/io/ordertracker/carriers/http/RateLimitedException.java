package io.ordertracker.carriers.http;

import java.time.Duration;

/** HTTP 429. Not a sign of an outage, so the circuit breaker ignores it. */
public final class RateLimitedException extends Exception {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("rate limited" + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + "s"));
        this.retryAfter = retryAfter;
    }

    /** What the carrier's Retry-After said, or null when it said nothing. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
