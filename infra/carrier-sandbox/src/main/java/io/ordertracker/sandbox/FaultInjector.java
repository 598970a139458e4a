package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Pending faults per carrier, consumed one per tracking call, in the order they were injected. */
public final class FaultInjector {

    private final Map<Carrier, Deque<Fault>> pending = new EnumMap<>(Carrier.class);

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
    }
}
