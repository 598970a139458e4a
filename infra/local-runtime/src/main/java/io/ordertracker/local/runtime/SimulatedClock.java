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
    private final double factor;
    private final ZoneId zone;
    /** Read and replaced as one, so no reader ever pairs one state's start with another's running time. */
    private volatile State state;

    /**
     * @param start             where simulated time stood when it last began to run (or stands, while held)
     * @param runningSinceNanos System.nanoTime() when it began to run; Long.MIN_VALUE while it stands still
     */
    private record State(Instant start, long runningSinceNanos) {
        boolean running() {
            return runningSinceNanos != Long.MIN_VALUE;
        }
    }

    SimulatedClock(Instant start, double factor) {
        this.factor = factor;
        this.zone = ZoneOffset.UTC;
        this.state = new State(start, Long.MIN_VALUE);
    }

    /** Starts simulated time (again, after {@link #hold()}); while it runs, later calls change nothing. */
    synchronized void run() {
        if (!state.running()) {
            state = new State(state.start(), System.nanoTime());
        }
    }

    /**
     * Stops simulated time where it is (schedules and journeys stop with it) until {@link #run()}: for tests that
     * have played what they need and must now look at the result without it ageing (a link that expires in an hour
     * of simulated time lasts a second at 3600x).
     */
    synchronized void hold() {
        if (state.running()) {
            state = new State(instant(), Long.MIN_VALUE);
        }
    }

    @Override
    public Instant instant() {
        State s = state;
        if (!s.running()) {
            return s.start();
        }
        return s.start().plus(Duration.ofNanos((long) ((System.nanoTime() - s.runningSinceNanos()) * factor)));
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
