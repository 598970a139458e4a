package io.ordertracker.notify;

import io.ordertracker.lambda.Env;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} sends a second from this container: each call waits until 1/perSecond after the one
 * before (no bursts; SES meters its maximum send rate per second, account-wide). Per container, so the account's
 * rate is shared by dividing it by the function's maximum concurrency (docs/notifications.md).
 */
public final class SendRateLimiter {
    /** The container's sends per second ({@code 0.5} is one every two seconds; 0 or less: no limit). */
    public static final String ENV = "SES_MAX_SEND_RATE";
    /** 5 containers (the email queue's MaximumConcurrency) x 2/s = 10/s, under a new production account's 14/s. */
    static final double DEFAULT_PER_SECOND = 2;

    /** How the limiter waits; the tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFreeNanos;
    private boolean started;

    SendRateLimiter(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    public static SendRateLimiter perSecond(double perSecond) {
        return new SendRateLimiter(perSecond, System::nanoTime, Thread::sleep);
    }

    public static SendRateLimiter unlimited() {
        return perSecond(0);
    }

    /** {@value #ENV} from the environment template.yaml sets, else {@link #DEFAULT_PER_SECOND}. */
    public static SendRateLimiter fromEnvironment() {
        return perSecond(Env.get(ENV).map(Double::parseDouble).orElse(DEFAULT_PER_SECOND));
    }

    /** Waits for this container's next send slot. */
    public synchronized void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        long slot = !started || now - nextFreeNanos > 0 ? now : nextFreeNanos;
        started = true;
        nextFreeNanos = slot + intervalNanos;
        long wait = slot - now;
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a send slot", e);
            }
        }
    }
}
