package io.ordertracker.functions.trackingpage;

import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.orders.NewOrder;
import io.ordertracker.domain.orders.OrderService;
import io.ordertracker.domain.orders.OrderService.CreateResult;
import io.ordertracker.domain.orders.TrackingTokens;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.Keys;
import io.ordertracker.storage.ShipmentItems;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shopper journeys the page must show, seeded into a table through the real write path: orders through
 * {@link OrderService} and {@link DynamoDbOrderStore}, then the carrier's progress written as the tracking pipeline
 * writes it (the shipment item through {@link ShipmentItems}, event items in the shape
 * {@link DynamoDbOrderStore#eventFrom} reads). Shared with the browser tests (infra/browser) through this module's
 * test jar, which seed the local runtime's table with it.
 */
public final class Journeys {
    /** 15:00 UTC = 10:00 in New York, the shopper's zone. */
    public static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final ZoneOffset CARRIER_OFFSET = ZoneOffset.ofHours(-5);

    public static final String SHOPPER_NAME = "Ada Lovelace";
    public static final String SHOPPER_EMAIL = "ada.lovelace@example.com";
    public static final String SHOPPER_PHONE = "+15555550123";

    private static final AtomicInteger ORDER_NUMBERS = new AtomicInteger(1000);

    private final DynamoDbClient client;
    private final String table;
    private final DynamoDbOrderStore orders;
    private final DynamoDbMerchantStore merchants;

    public Journeys(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.orders = new DynamoDbOrderStore(client, table);
        this.merchants = new DynamoDbMerchantStore(client, table);
    }

    public DynamoDbOrderStore orders() {
        return orders;
    }

    /** Every journey state the page must show: the visible status words and the active progress step. */
    public enum Journey {
        PENDING("Order received", "ORDERED"),
        INFO_RECEIVED("Shipped", "SHIPPED"),
        IN_TRANSIT("In transit", "IN_TRANSIT"),
        OUT_FOR_DELIVERY("Out for delivery", "OUT_FOR_DELIVERY"),
        DELIVERED("Delivered", "DELIVERED"),
        DELIVERY_ATTEMPTED("Delivery attempted", "OUT_FOR_DELIVERY"),
        EXCEPTION_ADDRESS("Delivery problem", "IN_TRANSIT"),
        AVAILABLE_FOR_PICKUP("Ready for pickup", "OUT_FOR_DELIVERY"),
        RETURNED("Returned to the shop", "IN_TRANSIT"),
        DELAYED("In transit", "IN_TRANSIT");

        public final String statusLabel;
        public final String activeStep;

        Journey(String statusLabel, String activeStep) {
            this.statusLabel = statusLabel;
            this.activeStep = activeStep;
        }

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public record Seeded(String token, String merchantId, String orderNumber, String shipmentId) {
    }

    public Merchant merchant(String name, MerchantSettings settings) {
        Merchant merchant = new Merchant("m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), name,
                settings, NOW.minusSeconds(86400 * 30));
        merchants.createMerchant(merchant);
        return merchant;
    }

    public Merchant plainMerchant() {
        return merchant("Northwind Coffee", new MerchantSettings("Northwind Coffee", null, "#1f4e79", "#f2a900",
                "orders@northwind.example", "help@northwind.example", "https://northwind.example/help", null, 3));
    }

    /** Creates an order (one UPS parcel) and plays the journey's carrier scans onto it. */
    public Seeded seed(Journey journey, Merchant merchant) {
        return seed(journey, merchant, new TrackingTokens().get(), "en-US", List.of());
    }

    public Seeded seed(Journey journey, Merchant merchant, String token, String locale, List<TrackingEvent> extraEvents) {
        return seed(journey, merchant, token, locale, extraEvents, "NW-" + ORDER_NUMBERS.incrementAndGet());
    }

    public Seeded seed(Journey journey, Merchant merchant, String token, String locale, List<TrackingEvent> extraEvents,
                       String orderNumber) {
        OrderService service = new OrderService(orders, CLOCK, () -> token);
        NewOrder request = new NewOrder(orderNumber,
                new Customer(SHOPPER_NAME, SHOPPER_EMAIL, SHOPPER_PHONE, "America/New_York", locale),
                List.of(new OrderItem("Ethiopia Yirgacheffe 1kg", 2, "ETH-1KG")), LocalDate.parse("2026-11-24"),
                List.of(new NewOrder.NewShipment(Carrier.UPS, "1Z5R89390357567127")));
        CreateResult result = service.create(merchant.merchantId(), request, "hash-" + orderNumber, null);
        if (!(result instanceof CreateResult.Created created)) {
            throw new IllegalStateException("order not created: " + result);
        }
        Shipment shipment = created.order().shipments().get(0).shipment();
        play(shipment, journey, extraEvents);
        return new Seeded(token, merchant.merchantId(), orderNumber, shipment.shipmentId());
    }

    private static OffsetDateTime at(String localCarrierTime) {
        return OffsetDateTime.of(java.time.LocalDateTime.parse(localCarrierTime), CARRIER_OFFSET);
    }

    private static TrackingEvent ev(String time, ShipmentStatus status, ExceptionReason reason, String code,
                                    String text, String place) {
        return new TrackingEvent(at(time), status, reason, code, text, place);
    }

    /** The scans of each journey, oldest first. */
    public static List<TrackingEvent> scans(Journey journey) {
        List<TrackingEvent> label = List.of(ev("2026-11-17T18:02:00", ShipmentStatus.INFO_RECEIVED, null, "MP",
                "Shipper created a label, UPS has not received the package yet.", "United States"));
        List<TrackingEvent> moving = new ArrayList<>(label);
        moving.add(ev("2026-11-18T19:40:00", ShipmentStatus.IN_TRANSIT, null, "OR", "Pickup Scan", "Atlanta, GA, US"));
        moving.add(ev("2026-11-19T04:15:00", ShipmentStatus.IN_TRANSIT, null, "DP", "Departed from Facility",
                "Louisville, KY, US"));
        List<TrackingEvent> out = new ArrayList<>(moving);
        out.add(ev("2026-11-20T07:55:00", ShipmentStatus.OUT_FOR_DELIVERY, null, "OT", "Out For Delivery Today",
                "Brooklyn, NY, US"));
        return switch (journey) {
            case PENDING -> List.of();
            case INFO_RECEIVED -> label;
            case IN_TRANSIT, DELAYED -> moving;
            case OUT_FOR_DELIVERY -> out;
            case DELIVERED -> append(out, ev("2026-11-20T09:31:00", ShipmentStatus.DELIVERED, null, "KB",
                    "Delivered, Front Door", "Brooklyn, NY, US"));
            case DELIVERY_ATTEMPTED -> append(out, ev("2026-11-20T09:31:00", ShipmentStatus.DELIVERY_ATTEMPTED,
                    ExceptionReason.RECIPIENT_UNAVAILABLE, "48",
                    "The receiver was not available for delivery. We'll make a second attempt the next business day.",
                    "Brooklyn, NY, US"));
            case EXCEPTION_ADDRESS -> append(moving, ev("2026-11-20T06:10:00", ShipmentStatus.EXCEPTION,
                    ExceptionReason.ADDRESS_ISSUE, "AI",
                    "The address is incomplete. Delivery cannot be completed until the address is corrected.",
                    "Brooklyn, NY, US"));
            case AVAILABLE_FOR_PICKUP -> append(out, ev("2026-11-20T09:45:00", ShipmentStatus.AVAILABLE_FOR_PICKUP,
                    null, "ZP", "Your package is available for pickup.",
                    "UPS Access Point, Court Street Pharmacy, Brooklyn, NY, US"));
            case RETURNED -> append(append(moving, ev("2026-11-19T15:20:00", ShipmentStatus.RETURNING_TO_SENDER,
                    ExceptionReason.RETURNING, "RS", "Returning to sender: refused by the receiver.",
                    "Louisville, KY, US")), ev("2026-11-20T08:05:00", ShipmentStatus.RETURNED_TO_SENDER,
                    ExceptionReason.RETURNED, "RD", "Returned to shipper", "Atlanta, GA, US"));
        };
    }

    private static List<TrackingEvent> append(List<TrackingEvent> list, TrackingEvent e) {
        List<TrackingEvent> out = new ArrayList<>(list);
        out.add(e);
        return out;
    }

    /** What the tracking worker would leave on the shipment after these scans. */
    public void play(Shipment shipment, Journey journey, List<TrackingEvent> extraEvents) {
        List<TrackingEvent> events = new ArrayList<>(scans(journey));
        events.addAll(extraEvents);
        events.forEach(e -> putEvent(shipment.shipmentId(), e));
        if (events.isEmpty()) {
            return;
        }
        TrackingEvent newest = events.get(events.size() - 1);
        ShipmentStatus status = switch (journey) {
            case DELAYED -> ShipmentStatus.IN_TRANSIT;
            default -> newest.status();
        };
        EstimatedDelivery eta = switch (journey) {
            case IN_TRANSIT, EXCEPTION_ADDRESS -> EstimatedDelivery.of(LocalDate.parse("2026-11-23"),
                    EstimatedDelivery.Kind.SCHEDULED);
            case DELAYED -> EstimatedDelivery.of(LocalDate.parse("2026-11-26"), EstimatedDelivery.Kind.RESCHEDULED);
            case OUT_FOR_DELIVERY, DELIVERY_ATTEMPTED -> new EstimatedDelivery(LocalDate.parse("2026-11-20"),
                    at("2026-11-20T10:00:00"), at("2026-11-20T14:00:00"), EstimatedDelivery.Kind.WINDOW);
            default -> null;
        };
        Shipment updated = new Shipment(shipment.merchantId(), shipment.orderNumber(), shipment.shipmentId(),
                shipment.carrier(), shipment.trackingNumber(), shipment.trackingToken(), status, newest.reason(), eta,
                journey == Journey.DELAYED, false, newest.instant(), newest.instant(),
                status.isTerminal() ? null : NOW.plusSeconds(3600), true, shipment.createdAt(), NOW,
                shipment.version() + 1);
        client.putItem(b -> b.tableName(table).item(ShipmentItems.toItem(updated)));
    }

    /** An event item as the tracking worker stores it. */
    public void putEvent(String shipmentId, TrackingEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.eventsPk(shipmentId)));
        item.put(Keys.SK, s(Keys.eventSk(event.time().toInstant().toString(), event.eventId())));
        item.put(Keys.ENTITY, s("EVENT"));
        item.put("shipmentId", s(shipmentId));
        item.put("eventId", s(event.eventId()));
        item.put("time", s(event.time().toString()));
        item.put("status", s(event.status().name()));
        item.put("reason", s(event.reason().name()));
        if (event.carrierCode() != null) {
            item.put("carrierCode", s(event.carrierCode()));
        }
        if (event.description() != null) {
            item.put("description", s(event.description()));
        }
        if (event.location() != null) {
            item.put("location", s(event.location()));
        }
        client.putItem(b -> b.tableName(table).item(item));
    }

    /** Sets the table's TTL attribute on an order's items, as data retention does. */
    public void expire(Seeded seeded, Instant at) {
        client.updateItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(Keys.orderPk(seeded.merchantId(), seeded.orderNumber())), Keys.SK, s(Keys.ORDER_SK)))
                .updateExpression("SET expiresAt = :e")
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromN(Long.toString(at.getEpochSecond())))));
    }
}
