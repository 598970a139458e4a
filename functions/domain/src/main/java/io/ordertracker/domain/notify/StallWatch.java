package io.ordertracker.domain.notify;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the hourly delay and stall pass reads and writes: every shipment still being polled, and its
 * {@code delayed}/{@code stalled} flags. A flag write is a shipment write like any other (the change detector hears
 * of it through the table's stream), conditional on the version read.
 */
public interface StallWatch {

    /**
     * A shipment as the pass sees it.
     *
     * @param stallCheckRequestedAt when a confirming poll was asked for, or null
     * @param lastAnsweredAt        when the carrier last answered a poll about it (a failed poll does not count), or
     *                              null
     */
    record Watched(Shipment shipment, Instant stallCheckRequestedAt, Instant lastAnsweredAt) {
    }

    /** What to do with the confirming-poll request beside the flags. */
    enum StallCheck {
        /** leave it as it is */
        KEEP,
        /** ask the planner to poll now, and remember when we asked */
        REQUEST,
        /** ask the planner to poll now again, keeping when we first asked */
        ASK_AGAIN,
        /** the question is settled: forget the request */
        CLEAR
    }

    /** Every polled shipment of one carrier's shard ({@link io.ordertracker.domain.polling.PollSchedule#SHARDS}). */
    List<ShipmentRef> polled(Carrier carrier, int shard);

    Optional<Watched> load(ShipmentRef ref);

    /** {@link #load} of several shipments, those gone left out; an implementation may read them in fewer requests. */
    default List<Watched> loadAll(List<ShipmentRef> refs) {
        List<Watched> out = new java.util.ArrayList<>();
        refs.forEach(ref -> load(ref).ifPresent(out::add));
        return out;
    }

    /**
     * Sets the flags, the dates told and delay episode (and the stall-check request) on {@code seen}'s shipment, if
     * its version is still {@code seen.version()}.
     *
     * @return false when someone wrote the shipment in between (it is looked at again next pass)
     */
    boolean setFlags(Shipment seen, boolean delayed, boolean stalled, DelayState delay, StallCheck check, Instant now);
}
