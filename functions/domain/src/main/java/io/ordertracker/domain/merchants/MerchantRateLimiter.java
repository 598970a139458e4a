package io.ordertracker.domain.merchants;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-merchant request limit of the merchant API, shared by every container through a {@link RequestWindowCounter}:
 * fixed windows of {@code burst / rate} seconds (rounded up, at least one), each admitting {@code burst} requests.
 * A merchant may thus send its whole burst at once and keeps, over time, at most {@code rate} requests a second
 * (up to two bursts can meet across a window boundary). A container that has been refused for a window refuses that
 * merchant again without asking the counter until the window ends: the count only grows within a window, so the
 * answer cannot change, and a merchant hammering the API then costs no table writes.
 */
public final class MerchantRateLimiter {

    /**
     * @param requestsPerSecond sustained rate per merchant; zero or less: no limit
     * @param burst             requests a merchant may send at once (at least the rate)
     */
    public record Limit(int requestsPerSecond, int burst) {
        public boolean enabled() {
            return requestsPerSecond > 0;
        }

        public Duration window() {
            int b = Math.max(burst, requestsPerSecond);
            return Duration.ofSeconds(Math.max(1, (b + requestsPerSecond - 1) / requestsPerSecond));
        }

        public int perWindow() {
            return Math.max(burst, requestsPerSecond);
        }
    }

    /** Counters outlive their window by this much before the table's TTL may delete them. */
    static final Duration COUNTER_KEPT = Duration.ofMinutes(5);

    private final RequestWindowCounter counter;
    private final Limit limit;
    private final Clock clock;
    private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();

    public MerchantRateLimiter(RequestWindowCounter counter, Limit limit, Clock clock) {
        this.counter = counter;
        this.limit = limit;
        this.clock = clock;
    }

    /** @return empty when the request may proceed; else how long until the merchant's next window opens */
    public Optional<Duration> admit(String merchantId) {
        if (!limit.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        long windowSeconds = limit.window().toSeconds();
        Instant windowStart = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds);
        Instant windowEnd = windowStart.plusSeconds(windowSeconds);
        Instant refused = refusedUntil.get(merchantId);
        if (refused != null && now.isBefore(refused)) {
            return Optional.of(Duration.between(now, refused));
        }
        if (counter.countIfBelow(merchantId, windowStart, limit.perWindow(), windowEnd.plus(COUNTER_KEPT))) {
            return Optional.empty();
        }
        refusedUntil.put(merchantId, windowEnd);
        return Optional.of(Duration.between(now, windowEnd));
    }

    /** Retry-After in whole seconds: the wait rounded up, at least one. */
    /** {@link #admit} for an HTTP answer: empty to admit, else the whole seconds for {@code Retry-After}. */
    public Optional<Long> retryAfterIfRefused(String merchantId) {
        return admit(merchantId).map(MerchantRateLimiter::retryAfterSeconds);
    }

    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
