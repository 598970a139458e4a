package io.ordertracker.domain.polling;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentRef;
import java.util.List;
import java.util.Optional;

/**
 * The polling pipeline's shipment store: a shipment as {@link TrackingState} and the conditional write of what a
 * carrier said about it. Every save is conditional on the version that was read, so two writers never lose an
 * update; events are stored once each.
 */
public interface ShipmentTracker {

    enum SaveOutcome {
        SAVED,
        /** Someone else wrote the shipment since it was read: re-read and re-apply. */
        CONFLICT
    }

    /** The shipment with what polling needs beside it (the order's promise, the shopper's zone); empty if gone. */
    Optional<TrackingState> load(ShipmentRef ref);

    /** New events first (each once), then the shipment, conditional on {@code result.before()}'s version. */
    SaveOutcome save(TrackingProgress.Result result);

    /** The shipments (of any merchant) tracking this carrier number, for carrier push. */
    List<ShipmentRef> findByCarrierNumber(Carrier carrier, String trackingNumber);
}
