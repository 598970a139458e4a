package io.ordertracker.domain.orders;

import io.ordertracker.domain.Carrier;
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

    /** Who signed for a delivered parcel, as the carrier reported it (shopper data: told only to the shopper). */
    default Optional<String> findSignedBy(String merchantId, String orderNumber, String shipmentId) {
        return Optional.empty();
    }

    Optional<IdempotencyKey> findIdempotencyKey(String merchantId, String keyHash);

    /**
     * Adds a parcel to an existing, not cancelled order holding fewer than {@code maxShipments}; if the same
     * carrier + number is already there, returns that one.
     */
    AddShipmentOutcome addShipment(Shipment shipment, int maxShipments);

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

    /**
     * Replaces the editable parts of an order (customer, items, promised date) if it is still at
     * {@code expectedVersion}; the request hash of its create is kept.
     */
    EditOutcome edit(String merchantId, String orderNumber, OrderEdit edit, long expectedVersion, Instant now);

    /** Marks the order cancelled; a second call keeps the first time. Empty if no such order. */
    Optional<Order> markCancelled(String merchantId, String orderNumber, Instant now);

    /**
     * Ends one parcel's tracking because its order was cancelled: a live status becomes CANCELLED, a terminal one
     * stays; polling stops. Written conditionally on the version read, so a racing carrier update is not lost.
     */
    Optional<Shipment> cancelShipment(String merchantId, String orderNumber, String shipmentId, Instant now);

    /**
     * One page of the merchant's orders, newest first, created at or after {@code createdSince} (null: any),
     * continuing after {@code after} (null: from the newest).
     */
    OrderPage listOrders(String merchantId, Instant createdSince, OrderListPosition after, int pageSize);

    /** Order numbers of this merchant's orders holding the parcel; never another merchant's. */
    List<String> findOrderNumbersByTracking(String merchantId, Carrier carrier, String trackingNumber);

    /** @param more whether orders may follow the last one of this page */
    record OrderPage(List<Order> orders, boolean more) {
    }

    sealed interface EditOutcome {
        record Edited(Order order) implements EditOutcome {
        }

        record NoSuchOrder() implements EditOutcome {
        }

        /** Someone else changed the order since it was read. */
        record Conflict() implements EditOutcome {
        }
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

        /** The order already holds {@code OrderService.MAX_SHIPMENTS_PER_ORDER} parcels. */
        record TooManyShipments() implements AddShipmentOutcome {
        }

        /** A cancelled order takes no new parcels. */
        record OrderCancelled() implements AddShipmentOutcome {
        }
    }
}
