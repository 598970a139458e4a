package io.ordertracker.domain.orders;

import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where orders and their shipments live. Every read and write is scoped to one merchant. */
public interface OrderStore {

    /**
     * Writes the order, its shipments and (if given) the idempotency key in one all-or-nothing step.
     * Never overwrites: if the order number or the key already exists, nothing is written.
     */
    CreateOutcome create(Order order, List<Shipment> shipments, IdempotencyKey idempotencyKey);

    Optional<Order> findOrder(String merchantId, String orderNumber);

    List<Shipment> findShipments(String merchantId, String orderNumber);

    /** Newest first. */
    List<TrackingEvent> findEvents(String shipmentId, int limit);

    Optional<Shipment> findShipment(String merchantId, String orderNumber, String shipmentId);

    Optional<IdempotencyKey> findIdempotencyKey(String merchantId, String keyHash);

    /** Adds a parcel to an existing order; if the same carrier + number is already there, returns that one. */
    AddShipmentOutcome addShipment(Shipment shipment);

    /** Stops polling and notifications for one shipment; the history stays. Empty if no such shipment. */
    Optional<Shipment> stopTracking(String merchantId, String orderNumber, String shipmentId, Instant now);

    /**
     * Deletes the order, every shipment of it (their tracking tokens with them), their events and the idempotency
     * key that created it; the order item goes last, so a retry after a failure part-way finds it and finishes.
     * Empty if there is no such order.
     */
    Optional<Erased> erase(String merchantId, String orderNumber);

    /** What an erasure deleted. */
    record Erased(int shipments, int events) {
    }

    /** An {@code Idempotency-Key} header as stored: its hash, the order it created and that request's hash. */
    record IdempotencyKey(String merchantId, String keyHash, String orderNumber, String requestHash) {
    }

    sealed interface CreateOutcome {
        record Created() implements CreateOutcome {
        }

        /** The merchant already has an order with this number. */
        record OrderExists() implements CreateOutcome {
        }

        /** The idempotency key was used before (possibly by a concurrent request). */
        record KeyExists() implements CreateOutcome {
        }
    }

    sealed interface AddShipmentOutcome {
        record Added(Shipment shipment) implements AddShipmentOutcome {
        }

        record AlreadyPresent(Shipment shipment) implements AddShipmentOutcome {
        }

        record NoSuchOrder() implements AddShipmentOutcome {
        }
    }
}
