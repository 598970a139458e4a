package io.ordertracker.domain.orders;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.orders.OrderStore.AddShipmentOutcome;
import io.ordertracker.domain.orders.OrderStore.CreateOutcome;
import io.ordertracker.domain.orders.OrderStore.EditOutcome;
import io.ordertracker.domain.orders.OrderStore.OrderPage;
import io.ordertracker.domain.orders.OrderStore.IdempotencyKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Accepting and reading merchants' orders. Creation is idempotent twice over: on the order number (a merchant's
 * own key) and on an optional {@code Idempotency-Key}; a replay with a different body is refused, never merged.
 */
public final class OrderService {

    public static final int EVENTS_PER_SHIPMENT = 100;
    /** Parcels one order may hold in all (issue #12): more is a data mistake, and the page shows them all. */
    public static final int MAX_SHIPMENTS_PER_ORDER = 50;
    /** A list request reads at most this many orders to fill a filtered page; then it answers with a cursor. */
    static final int MAX_EXAMINED_PER_LIST = 500;
    /** An edit that loses a race re-reads and re-applies this many times before reporting the conflict. */
    private static final int EDIT_ATTEMPTS = 3;

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
        return store.addShipment(shipment, MAX_SHIPMENTS_PER_ORDER);
    }

    public sealed interface EditResult<E> {
        record Edited<E>(OrderView order) implements EditResult<E> {
        }

        record NotFound<E>() implements EditResult<E> {
        }

        /** The change itself is invalid against the current order (the errors say why). */
        record Rejected<E>(E errors) implements EditResult<E> {
        }

        /** Others kept changing the order while this edit was retried. */
        record Conflict<E>() implements EditResult<E> {
        }
    }

    /** What an edit makes of the current order: the new values, or why it cannot apply (e.g. field errors). */
    public sealed interface EditDecision<E> {
        record Apply<E>(OrderEdit edit) implements EditDecision<E> {
        }

        record Refuse<E>(E errors) implements EditDecision<E> {
        }
    }

    /**
     * Edits an order (JSON Merge Patch in the API): {@code change} is applied to the order as it is now and the
     * result written conditionally on the version read; a lost race re-reads and applies the change again. The
     * senders and the tracking page read the order when they run, so the next message and page use the new values.
     */
    public <E> EditResult<E> edit(String merchantId, String orderNumber, Function<Order, EditDecision<E>> change) {
        for (int attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
            Optional<Order> current = store.findOrder(merchantId, orderNumber);
            if (current.isEmpty()) {
                return new EditResult.NotFound<>();
            }
            EditDecision<E> decision = change.apply(current.get());
            if (decision instanceof EditDecision.Refuse<E> refuse) {
                return new EditResult.Rejected<>(refuse.errors());
            }
            OrderEdit edit = ((EditDecision.Apply<E>) decision).edit();
            EditOutcome outcome = store.edit(merchantId, orderNumber, edit, current.get().version(), clock.instant());
            switch (outcome) {
                case EditOutcome.Edited e -> {
                    return new EditResult.Edited<>(view(merchantId, orderNumber)
                            .orElseThrow(() -> new IllegalStateException("order vanished right after its edit")));
                }
                case EditOutcome.NoSuchOrder n -> {
                    return new EditResult.NotFound<>();
                }
                case EditOutcome.Conflict c -> { }
            }
        }
        return new EditResult.Conflict<>();
    }

    /**
     * Cancels the order: marks it cancelled and ends every parcel's tracking, live ones as CANCELLED (terminal, so
     * the change detector tells the shopper nothing and queued messages become stale). Repeating it changes
     * nothing and answers the same order; a repeat also finishes a cancel that failed half-way.
     */
    public Optional<OrderView> cancel(String merchantId, String orderNumber) {
        Instant now = clock.instant();
        if (store.markCancelled(merchantId, orderNumber, now).isEmpty()) {
            return Optional.empty();
        }
        for (Shipment s : store.findShipments(merchantId, orderNumber)) {
            if (s.active() || !s.status().isTerminal()) {
                store.cancelShipment(merchantId, orderNumber, s.shipmentId(), now);
            }
        }
        return view(merchantId, orderNumber);
    }

    /** One order of a list: the order with its parcels (no events). */
    public record OrderSummary(Order order, List<Shipment> shipments) {
    }

    /** @param next where the next page starts, or null when this is the last page */
    public record OrderList(List<OrderSummary> orders, OrderListPosition next) {
    }

    /**
     * The merchant's orders, newest first, that match {@code query}. Shipment filters are applied to each order's
     * parcels as read (one query per order), so they are always current; a page may hold fewer than
     * {@code limit} orders when many do not match, and {@code next} says whether to ask again.
     */
    public OrderList list(String merchantId, OrderListQuery query) {
        List<OrderSummary> out = new ArrayList<>();
        OrderListPosition position = query.after();
        int examined = 0;
        while (true) {
            OrderPage page = store.listOrders(merchantId, query.createdSince(), position, query.limit());
            List<Order> orders = page.orders();
            for (int i = 0; i < orders.size(); i++) {
                Order order = orders.get(i);
                position = new OrderListPosition(order.createdAt(), order.orderNumber());
                examined++;
                List<Shipment> shipments = store.findShipments(merchantId, order.orderNumber());
                if (query.matches(order, shipments)) {
                    out.add(new OrderSummary(order, shipments));
                }
                boolean moreAfterThis = i < orders.size() - 1 || page.more();
                if (out.size() == query.limit()) {
                    return new OrderList(out, moreAfterThis ? position : null);
                }
            }
            if (!page.more()) {
                return new OrderList(out, null);
            }
            if (examined >= MAX_EXAMINED_PER_LIST) {
                return new OrderList(out, position);
            }
        }
    }

    /** This merchant's orders holding the parcel (usually one), with their shipments and events. */
    public List<OrderView> findByTracking(String merchantId, Carrier carrier, String trackingNumber) {
        return store.findOrderNumbersByTracking(merchantId, carrier, trackingNumber).stream()
                .map(n -> view(merchantId, n))
                .flatMap(Optional::stream)
                .toList();
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
