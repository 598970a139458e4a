package io.ordertracker.domain.polling;

import io.ordertracker.domain.Carrier;
import java.util.List;

/**
 * One tracking-queue message: shipments of one carrier that a worker asks about together. For FedEx that is one
 * request of up to 30 numbers; for the others it is several one-number requests, so a message is still worth its
 * SQS round trip.
 */
public record TrackingBatch(Carrier carrier, List<DueShipment> shipments) {
    public TrackingBatch {
        shipments = List.copyOf(shipments);
    }
}
