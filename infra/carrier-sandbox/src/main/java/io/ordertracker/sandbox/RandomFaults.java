package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Faults drawn at random, reproducibly from a seed: each tracking call of a carrier is faulted with probability
 * {@code rate}, the kind drawn by weight (see {@link #WEIGHTS}); and, between {@code outageFrom} and
 * {@code outageUntil} (sandbox time), one carrier answers every tracking call with its 5xx: an outage of hours. Each
 * carrier draws from its own stream of the seed, so one carrier's traffic does not change another's faults.
 *
 * @param timeout how long a TIMEOUT fault holds the answer back (longer than the client's request timeout)
 */
public record RandomFaults(double rate, long seed, Carrier outageCarrier, Instant outageFrom, Instant outageUntil,
                           Duration timeout) {

    /**
     * How often each kind is drawn, in parts. A timeout holds a worker for real seconds, which on a fast clock are
     * simulated hours, so it is the rarest.
     */
    static final Map<FaultKind, Integer> WEIGHTS = weights();

    private static Map<FaultKind, Integer> weights() {
        Map<FaultKind, Integer> w = new EnumMap<>(FaultKind.class);
        w.put(FaultKind.SERVER_ERROR, 30);
        w.put(FaultKind.RATE_LIMIT, 20);
        w.put(FaultKind.TRUNCATED, 15);
        w.put(FaultKind.GARBAGE, 15);
        w.put(FaultKind.EXPIRED_TOKEN, 15);
        w.put(FaultKind.SLOW, 2);
        return w;
    }

    public RandomFaults {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("fault rate must be within 0..1: " + rate);
        }
    }

    boolean inOutage(Carrier carrier, Instant now) {
        return carrier == outageCarrier && outageFrom != null && !now.isBefore(outageFrom) && now.isBefore(outageUntil);
    }

    /** One carrier's draws. */
    SplittableRandom streamFor(Carrier carrier) {
        return new SplittableRandom(seed * 31 + carrier.ordinal() + 1);
    }

    /** The next draw of {@code random}: a fault, or null for a clean answer. */
    Fault draw(Carrier carrier, SplittableRandom random) {
        if (random.nextDouble() >= rate) {
            return null;
        }
        int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
        int pick = random.nextInt(total);
        for (Map.Entry<FaultKind, Integer> e : WEIGHTS.entrySet()) {
            pick -= e.getValue();
            if (pick < 0) {
                return Fault.of(carrier, e.getKey(), 1).withDelay(timeout).withRetryAfter(Duration.ofSeconds(1));
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
