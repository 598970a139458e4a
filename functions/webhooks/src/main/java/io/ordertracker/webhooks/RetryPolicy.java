package io.ordertracker.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: 30 s after the first failure, doubling per attempt, at most 12 hours (SQS's
 * longest visibility timeout); each wait drawn from the upper half of its ceiling ("equal jitter"), so the
 * deliveries of one outage do not return as one burst. A delivery stops being retried when the next attempt
 * would fall more than {@link #GIVE_UP_AFTER} after its first: then it is dead-lettered. An endpoint whose
 * deliveries have failed without a success for as long is disabled.
 */
public final class RetryPolicy {
    public static final Duration FIRST = Duration.ofSeconds(30);
    public static final Duration CAP = Duration.ofHours(12).minusMinutes(5);
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(3);

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public RetryPolicy(DoubleSupplier random) {
        this.random = random;
    }

    public static RetryPolicy withJitter() {
        return new RetryPolicy(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after the {@code failedAttempts}-th failed attempt (1 for the first). */
    public Duration waitAfter(long failedAttempts) {
        int doublings = (int) Math.min(Math.max(failedAttempts, 1) - 1, 20);
        long ceiling = Math.min(CAP.getSeconds(), FIRST.getSeconds() << doublings);
        long half = ceiling / 2;
        return Duration.ofSeconds(half + Math.round(random.getAsDouble() * (ceiling - half)));
    }

    /** The next attempt's time, or empty when the delivery gives up (its 3 days since {@code first} are over). */
    public Optional<Instant> next(Instant first, long failedAttempts, Instant now) {
        Instant next = now.plus(waitAfter(failedAttempts));
        return next.isAfter(first.plus(GIVE_UP_AFTER)) ? Optional.empty() : Optional.of(next);
    }
}
