package io.ordertracker.domain.polling;

import io.ordertracker.domain.Carrier;
import java.time.Instant;
import java.util.List;

/**
 * The shipments due for a poll, spread over {@link #SHARDS} shards per carrier so that no one partition carries a
 * carrier's whole load; only live, polled shipments are in it.
 */
public interface PollSchedule {
    /** Shards per carrier (docs/polling.md explains the number). */
    int SHARDS = 16;

    /** Up to {@code limit} shipments of one shard due at {@code now}, oldest due first. */
    List<DueShipment> due(Carrier carrier, int shard, Instant now, int limit);

    /**
     * Moves a planned shipment's next poll to {@code until}, only if nobody changed it since it was read as due, so
     * the next planner run does not plan it again while a worker has it. False if it changed (skip it).
     */
    boolean lease(DueShipment due, Instant until);
}
