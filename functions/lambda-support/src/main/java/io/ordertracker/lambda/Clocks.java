package io.ordertracker.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clock a function's no-arg constructor should use. On Lambda it is the system clock. The local runtime can
 * play time faster (a week of carrier scans in minutes) by setting {@code LOCAL_CLOCK_EPOCH_MILLIS} (the simulated
 * instant at {@code LOCAL_CLOCK_REAL_START_MILLIS}, real time) and {@code LOCAL_CLOCK_FACTOR}. When it runs the
 * functions in its own JVM it also shares its clock object ({@code LOCAL_CLOCK_ID}), so every function, the
 * schedules and the carrier sandbox read one clock, which stands still until start-up is over.
 */
public final class Clocks {
    /** Clocks shared by a local runtime with the functions it runs in the same JVM, by {@code LOCAL_CLOCK_ID}. */
    private static final Map<String, Clock> SHARED = new ConcurrentHashMap<>();

    private Clocks() {
    }

    /** Lets functions built with {@code LOCAL_CLOCK_ID=id} in this JVM read {@code clock}. */
    public static void share(String id, Clock clock) {
        SHARED.put(id, clock);
    }

    public static void unshare(String id) {
        SHARED.remove(id);
    }

    public static Clock fromEnvironment() {
        var shared = Env.get("LOCAL_CLOCK_ID").map(SHARED::get);
        if (shared.isPresent()) {
            return shared.get();
        }
        var epoch = Env.get("LOCAL_CLOCK_EPOCH_MILLIS");
        if (epoch.isEmpty()) {
            return Clock.systemUTC();
        }
        long simulatedStart = Long.parseLong(epoch.get());
        long realStart = Env.get("LOCAL_CLOCK_REAL_START_MILLIS").map(Long::parseLong).orElse(System.currentTimeMillis());
        double factor = Env.get("LOCAL_CLOCK_FACTOR").map(Double::parseDouble).orElse(1.0);
        return new ScaledClock(Instant.ofEpochMilli(simulatedStart), realStart, factor, ZoneOffset.UTC);
    }

    /** Simulated time = start + (real elapsed) x factor. */
    public static final class ScaledClock extends Clock {
        private final Instant simulatedStart;
        private final long realStartMillis;
        private final double factor;
        private final ZoneId zone;

        public ScaledClock(Instant simulatedStart, long realStartMillis, double factor, ZoneId zone) {
            this.simulatedStart = simulatedStart;
            this.realStartMillis = realStartMillis;
            this.factor = factor;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new ScaledClock(simulatedStart, realStartMillis, factor, zone);
        }

        @Override
        public Instant instant() {
            long elapsed = System.currentTimeMillis() - realStartMillis;
            return simulatedStart.plus(Duration.ofMillis((long) (elapsed * factor)));
        }
    }
}
