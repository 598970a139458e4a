package io.ordertracker.notify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a job the provider throttled waits before its next try: 30 s, doubling with every receive of its message
 * (SQS's ApproximateReceiveCount), at most 15 minutes; each wait drawn from its upper half ("equal jitter"), so the
 * jobs of one throttled burst come back spread out instead of as the same burst. The wait never falls below half
 * its ceiling, which is what the queues' maxReceiveCount is computed from (docs/notifications.md).
 */
public final class ThrottleBackoff {
    static final Duration FIRST = Duration.ofSeconds(30);
    static final Duration CAP = Duration.ofMinutes(15);

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public ThrottleBackoff(DoubleSupplier random) {
        this.random = random;
    }

    public static ThrottleBackoff withJitter() {
        return new ThrottleBackoff(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after the {@code receiveCount}-th receive (1 for the first) was throttled. */
    public Duration after(int receiveCount) {
        int doublings = Math.min(Math.max(receiveCount, 1) - 1, 20);
        long ceiling = Math.min(CAP.getSeconds(), FIRST.getSeconds() << doublings);
        long half = ceiling / 2;
        return Duration.ofSeconds(half + Math.round(random.getAsDouble() * (ceiling - half)));
    }
}
