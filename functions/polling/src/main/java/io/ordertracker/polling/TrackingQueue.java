package io.ordertracker.polling;

import java.util.List;

/** Where the planner puts its plans for the tracking workers (the tracking queue). */
@FunctionalInterface
public interface TrackingQueue {
    /** Sends every message or throws; a partial send throws too (the leases of what was not sent expire). */
    void send(List<TrackingMessage> messages);
}
