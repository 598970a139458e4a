package io.ordertracker.domain.orders;

import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.orders.OrderStore.AddShipmentOutcome;
import io.ordertracker.domain.orders.OrderStore.CreateOutcome;
import io.ordertracker.domain.orders.OrderStore.IdempotencyKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Accepting and reading merchants' orders. Creation is idempotent twice over: on the order number (a merchant's
 * own key) and on an optional {@code Idempotency-Key}; a replay with a different body is refused, never merged.
 */
public final class OrderService {

    public static final int EVENTS_PER_SHIPMENT = 100;

    private final OrderStore store;
    private final Clock clock;
    private final Supplier<String> tokens;

    public OrderService(OrderStore store, Clock clock, Supplier<String> tokens) {
        this.store = store;
        this.clock = clock;
        this.tokens = tokens;
    }

    public sealed interface CreateResult {
        record Created(OrderView order) implements CreateResult {
        }

        record Replayed(OrderView order) implements CreateResult {
        }

        /** Same order number or idempotency key, different request. */
        record Conflict(String field, String detail) implements CreateResult {
        }
    }

    /** An order with its shipments and their recent events, as the API shows it. */
    public record OrderView(Order order, List<ShipmentView> shipments) {
    }

    public record ShipmentView(Shipment shipment, List<TrackingEvent> events) {
    }

    /**
     * @param requestHash    hash of the canonical request, compared on replays
     * @param idempotencyKey the raw header value, or null
     */
    public CreateResult create(String merchantId, NewOrder request, String requestHash, String idempotencyKey) {
        String keyHash = idempotencyKey == null ? null : Hashing.sha256Hex(idempotencyKey);
        if (keyHash != null) {
            Optional<CreateResult> replay = replayByKey(merchantId, keyHash, requestHash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = clock.instant();
        Order order = new Order(merchantId, request.orderNumber(), request.customer(), request.items(),
                request.promisedDeliveryDate(), now, requestHash);
        List<Shipment> shipments = request.shipments().stream()
                .map(s -> Shipment.newShipment(merchantId, request.orderNumber(),
                        shipmentId(merchantId, request.orderNumber(), s), s.carrier(), s.trackingNumber(),
                        tokens.get(), now))
                .toList();
        IdempotencyKey key = keyHash == null ? null
                : new IdempotencyKey(merchantId, keyHash, request.orderNumber(), requestHash);

        CreateOutcome outcome = store.create(order, shipments, key);
        return switch (outcome) {
            case CreateOutcome.Created created -> new CreateResult.Created(view(merchantId, request.orderNumber())
                    .orElseThrow(() -> new IllegalStateException("order vanished right after its write")));
            case CreateOutcome.KeyExists exists -> replayByKey(merchantId, keyHash, requestHash)
                    .orElseThrow(() -> new IllegalStateException("idempotency key reported but not found"));
            case CreateOutcome.OrderExists exists -> replayByOrderNumber(merchantId, request.orderNumber(), requestHash);
        };
    }

    private Optional<CreateResult> replayByKey(String merchantId, String keyHash, String requestHash) {
        return store.findIdempotencyKey(merchantId, keyHash).map(stored -> {
            if (!stored.requestHash().equals(requestHash)) {
                return new CreateResult.Conflict("Idempotency-Key",
                        "This Idempotency-Key was already used with a different request body.");
            }
            return view(merchantId, stored.orderNumber())
                    .<CreateResult>map(CreateResult.Replayed::new)
                    .orElseGet(() -> new CreateResult.Conflict("Idempotency-Key",
                            "This Idempotency-Key belongs to an order that no longer exists."));
        });
    }

    private CreateResult replayByOrderNumber(String merchantId, String orderNumber, String requestHash) {
        OrderView existing = view(merchantId, orderNumber)
                .orElseThrow(() -> new IllegalStateException("order reported as existing but not found"));
        if (existing.order().requestHash() != null && existing.order().requestHash().equals(requestHash)) {
            return new CreateResult.Replayed(existing);
        }
        return new CreateResult.Conflict("orderNumber",
                "An order with this orderNumber already exists with different content.");
    }

    public Optional<OrderView> view(String merchantId, String orderNumber) {
        return store.findOrder(merchantId, orderNumber).map(order -> new OrderView(order,
                store.findShipments(merchantId, orderNumber).stream()
                        .map(s -> new ShipmentView(s, store.findEvents(s.shipmentId(), EVENTS_PER_SHIPMENT)))
                        .toList()));
    }

    public AddShipmentOutcome addShipment(String merchantId, String orderNumber, NewOrder.NewShipment request) {
        Instant now = clock.instant();
        Shipment shipment = Shipment.newShipment(merchantId, orderNumber, shipmentId(merchantId, orderNumber, request),
                request.carrier(), request.trackingNumber(), tokens.get(), now);
        return store.addShipment(shipment);
    }

    public Optional<Shipment> stopTracking(String merchantId, String orderNumber, String shipmentId) {
        return store.stopTracking(merchantId, orderNumber, shipmentId, clock.instant());
    }

    /**
     * Deterministic, so the same parcel posted twice is the same shipment. Not a secret: the page token is.
     */
    public static String shipmentId(String merchantId, String orderNumber, NewOrder.NewShipment s) {
        return "shp_" + Hashing.sha256Hex(merchantId + '\u0000' + orderNumber + '\u0000' + s.carrier().code()
                + '\u0000' + s.trackingNumber()).substring(0, 24);
    }
}
