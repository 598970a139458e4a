package io.ordertracker.carriers.http;

import io.ordertracker.domain.Carrier;

import java.time.Duration;

/**
 * Timeouts, retries, rate limit and circuit breaker for one carrier. Configurable so tests can run the fault paths
 * with millisecond backoffs.
 *
 * @param maxAttempts        attempts per call including the first (5xx, timeouts, unreadable bodies, short 429s)
 * @param initialBackoff     first retry wait; later waits grow by {@code backoffMultiplier}, each jittered by
 *                           ±{@code jitter} so many workers do not retry in step
 * @param maxRetryAfterWait  a 429 whose Retry-After is longer than this is not waited out here: the caller gets
 *                           RATE_LIMITED with the carrier's Retry-After and reschedules
 * @param requestsPerPeriod  client-side rate limit, per {@code ratePeriod}; {@code rateLimitWait} is how long a call
 *                           may queue for a permit before it is answered RATE_LIMITED
 * @param openStateWait      how long an open breaker fails calls fast before letting probes through
 * @param tokenRefreshMargin tokens are renewed this long before they expire
 */
public record ResilienceSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
                                 Duration initialBackoff, double backoffMultiplier, double jitter, Duration maxBackoff,
                                 Duration maxRetryAfterWait, int requestsPerPeriod, Duration ratePeriod,
                                 Duration rateLimitWait, float failureRateThreshold, int slidingWindowSize,
                                 int minimumCalls, Duration openStateWait, Duration tokenRefreshMargin) {

    /** Production defaults, with each carrier's documented limits. */
    public static ResilienceSettings defaults(Carrier carrier) {
        // FedEx allows 1,400 calls per 10 s per project; DHL Unified's starter quota is 1 call/s; UPS and USPS
        // document 429 without a number, so a conservative 10/s
        int perSecond = switch (carrier) {
            case FEDEX -> 100;
            case DHL -> 1;
            case UPS, USPS -> 10;
        };
        return new ResilienceSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), 3, Duration.ofMillis(500), 2.0,
                0.5, Duration.ofSeconds(8), Duration.ofSeconds(10), perSecond, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 50f, 20, 10, Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** Millisecond backoffs and short timeouts, for tests against the sandbox. */
    public static ResilienceSettings fast() {
        return new ResilienceSettings(Duration.ofSeconds(2), Duration.ofMillis(1000), 3, Duration.ofMillis(10), 2.0,
                0.5, Duration.ofMillis(50), Duration.ofSeconds(2), 1000, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 50f, 10, 6, Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    public ResilienceSettings withMaxAttempts(int attempts) {
        return new ResilienceSettings(connectTimeout, requestTimeout, attempts, initialBackoff, backoffMultiplier,
                jitter, maxBackoff, maxRetryAfterWait, requestsPerPeriod, ratePeriod, rateLimitWait,
                failureRateThreshold, slidingWindowSize, minimumCalls, openStateWait, tokenRefreshMargin);
    }

    public ResilienceSettings withMaxRetryAfterWait(Duration wait) {
        return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, backoffMultiplier,
                jitter, maxBackoff, wait, requestsPerPeriod, ratePeriod, rateLimitWait,
                failureRateThreshold, slidingWindowSize, minimumCalls, openStateWait, tokenRefreshMargin);
    }

    public ResilienceSettings withRateLimit(int requests, Duration period, Duration wait) {
        return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, backoffMultiplier,
                jitter, maxBackoff, maxRetryAfterWait, requests, period, wait,
                failureRateThreshold, slidingWindowSize, minimumCalls, openStateWait, tokenRefreshMargin);
    }

    public ResilienceSettings withCircuitBreaker(int window, int minimumCalls, Duration openWait) {
        return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, backoffMultiplier,
                jitter, maxBackoff, maxRetryAfterWait, requestsPerPeriod, ratePeriod, rateLimitWait,
                failureRateThreshold, window, minimumCalls, openWait, tokenRefreshMargin);
    }

    public ResilienceSettings withRequestTimeout(Duration timeout) {
        return new ResilienceSettings(connectTimeout, timeout, maxAttempts, initialBackoff, backoffMultiplier,
                jitter, maxBackoff, maxRetryAfterWait, requestsPerPeriod, ratePeriod, rateLimitWait,
                failureRateThreshold, slidingWindowSize, minimumCalls, openStateWait, tokenRefreshMargin);
    }
}
