package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pending faults per carrier, consumed one per tracking call, in the order they were injected; then, if set,
 * {@link RandomFaults} drawn from a seed. Counts what it injected, per kind.
 */
public final class FaultInjector {

    private final Map<Carrier, Deque<Fault>> pending = new EnumMap<>(Carrier.class);
    private final Map<Carrier, java.util.SplittableRandom> draws = new EnumMap<>(Carrier.class);
    private final Map<String, Integer> injected = new java.util.TreeMap<>();
    private RandomFaults random;

    /** From now on, calls with no pending fault are faulted at random as {@code faults} says (null: never). */
    public synchronized void randomly(RandomFaults faults) {
        this.random = faults;
        draws.clear();
        if (faults != null) {
            for (Carrier c : Carrier.values()) {
                draws.put(c, faults.streamFor(c));
            }
        }
    }

    /** Faults applied so far, by kind ("OUTAGE" for calls inside the outage window). */
    public synchronized Map<String, Integer> injected() {
        return Map.copyOf(injected);
    }

    /** The fault to apply to a call at {@code now} (sandbox time): a pending one, the outage, or a random draw. */
    synchronized Optional<Fault> next(Carrier carrier, java.time.Instant now) {
        Optional<Fault> queued = next(carrier);
        if (queued.isPresent() || random == null) {
            queued.ifPresent(f -> injected.merge(f.kind().name(), 1, Integer::sum));
            return queued;
        }
        if (random.inOutage(carrier, now)) {
            injected.merge("OUTAGE", 1, Integer::sum);
            return Optional.of(Fault.of(carrier, FaultKind.SERVER_ERROR, 1));
        }
        Fault drawn = random.draw(carrier, draws.get(carrier));
        if (drawn != null) {
            injected.merge(drawn.kind() == FaultKind.SLOW ? "TIMEOUT" : drawn.kind().name(), 1, Integer::sum);
        }
        return Optional.ofNullable(drawn);
    }

    public synchronized void inject(Fault fault) {
        if (fault.count() <= 0) {
            return;
        }
        pending.computeIfAbsent(fault.carrier(), c -> new ArrayDeque<>()).addLast(fault);
    }

    /** The fault to apply to this call, if any; counts one use of it. */
    synchronized Optional<Fault> next(Carrier carrier) {
        Deque<Fault> queue = pending.get(carrier);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Fault head = queue.pollFirst();
        if (head.count() > 1) {
            queue.addFirst(new Fault(head.carrier(), head.kind(), head.count() - 1, head.retryAfter(), head.delay()));
        }
        return Optional.of(head);
    }

    public synchronized int pending(Carrier carrier) {
        Deque<Fault> queue = pending.get(carrier);
        return queue == null ? 0 : queue.stream().mapToInt(Fault::count).sum();
    }

    public synchronized void clear() {
        pending.clear();
        randomly(null);
    }
}
