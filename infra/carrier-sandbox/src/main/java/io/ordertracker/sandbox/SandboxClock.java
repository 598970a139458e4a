package io.ordertracker.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's notion of now, shareable with the planner and workers so the whole stack lives in one simulated
 * time. Either compressed (simulated time runs {@code factor} times faster than real time, so a five-day journey
 * plays in minutes) or manual (tests move it explicitly; nothing happens on its own).
 */
public abstract sealed class SandboxClock extends Clock permits SandboxClock.Compressed, SandboxClock.Manual, SandboxClock.Following {

    /** Simulated time starts at {@code start} now and runs {@code factor} times faster than the wall clock. */
    public static SandboxClock compressed(Instant start, double factor) {
        return new Compressed(start, factor, System.nanoTime());
    }

    /** Reads another clock (the local runtime's), so the sandbox and the functions share one simulated now. */
    public static SandboxClock following(Clock clock) {
        return new Following(clock);
    }

    /** Stands still at {@code start} until advanced. */
    public static Manual manual(Instant start) {
        return new Manual(start);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone); // a snapshot; share the SandboxClock itself to follow simulated time
    }

    /** Runs simulated time {@code factor} times faster than real time. */
    public static final class Compressed extends SandboxClock {
        private final Instant start;
        private final double factor;
        private final long startNanos;

        private Compressed(Instant start, double factor, long startNanos) {
            if (factor <= 0) {
                throw new IllegalArgumentException("factor must be positive");
            }
            this.start = start;
            this.factor = factor;
            this.startNanos = startNanos;
        }

        @Override
        public Instant instant() {
            long realNanos = System.nanoTime() - startNanos;
            return start.plusNanos((long) (realNanos * factor));
        }

        public double factor() {
            return factor;
        }
    }

    /** Moves only when told to. */
    public static final class Manual extends SandboxClock {
        private final AtomicReference<Instant> now;

        private Manual(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        public Manual advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
            return this;
        }

        public Manual set(Instant instant) {
            now.set(instant);
            return this;
        }
    }

    /** Whatever the clock it follows says. */
    public static final class Following extends SandboxClock {
        private final Clock source;

        private Following(Clock source) {
            this.source = source;
        }

        @Override
        public Instant instant() {
            return source.instant();
        }
    }
}
