package io.ordertracker.local.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The local runtime's one notion of now: it stands at the simulated start until {@link #run()} (the end of start-up),
 * then runs {@code factor} times faster than real time. Start-up (DynamoDB Local, moto, loading every function) takes
 * seconds, which on an hour-a-second clock would be a day of carrier scans played before anyone could post an order.
 */
final class SimulatedClock extends Clock {
    private final Instant start;
    private final double factor;
    private final ZoneId zone;
    /** System.nanoTime() when the clock began to run; Long.MIN_VALUE while it stands still. */
    private volatile long runningSinceNanos;
    /** Where {@link #hold()} stopped simulated time for good; null while it runs (or has not started). */
    private volatile Instant heldAt;

    SimulatedClock(Instant start, double factor) {
        this(start, factor, ZoneOffset.UTC, Long.MIN_VALUE);
    }

    private SimulatedClock(Instant start, double factor, ZoneId zone, long runningSinceNanos) {
        this.start = start;
        this.factor = factor;
        this.zone = zone;
        this.runningSinceNanos = runningSinceNanos;
    }

    /** Starts simulated time (once; later calls change nothing). */
    synchronized void run() {
        if (runningSinceNanos == Long.MIN_VALUE) {
            runningSinceNanos = System.nanoTime();
        }
    }

    /**
     * Stops simulated time where it is, for good (later calls change nothing): schedules stop firing, so a test can
     * compare figures while nothing new happens; work already under way still finishes.
     */
    synchronized void hold() {
        if (heldAt == null) {
            heldAt = instant();
        }
    }

    @Override
    public Instant instant() {
        Instant held = heldAt;
        if (held != null) {
            return held;
        }
        long since = runningSinceNanos;
        if (since == Long.MIN_VALUE) {
            return start;
        }
        return start.plus(Duration.ofNanos((long) ((System.nanoTime() - since) * factor)));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that still follows this clock (run() on the original moves it too). */
    @Override
    public Clock withZone(ZoneId zone) {
        SimulatedClock owner = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return owner.withZone(other);
            }

            @Override
            public Instant instant() {
                return owner.instant();
            }
        };
    }
}
