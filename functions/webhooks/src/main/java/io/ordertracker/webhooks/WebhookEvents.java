package io.ordertracker.webhooks;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.notify.DetectedMilestone;
import io.ordertracker.domain.notify.MilestoneRules;
import io.ordertracker.domain.webhooks.WebhookSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * From one change of the table to the events it means for the merchant. Every id and timestamp comes from the
 * stored images (versions, the time of the write), never from the clock, so a redelivered stream record makes the
 * same events with the same ids and the same bytes.
 *
 * <p>Shipment events carry {@code data.sequence}, the shipment's version after the change: strictly increasing
 * from change to change of one shipment, the same for the events one change makes (which are made in the order
 * status_changed, exception, delayed, stalled, delivered).
 */
public final class WebhookEvents {
    private final Function<Shipment, TrackingEvent> carrierEvent;

    /** @param carrierEvent the carrier event that set a shipment's status (or null) */
    public WebhookEvents(Function<Shipment, TrackingEvent> carrierEvent) {
        this.carrierEvent = carrierEvent;
    }

    public List<WebhookEvent> of(WebhookSource source) {
        return switch (source) {
            case WebhookSource.OrderChanged o -> order(o.before(), o.after());
            case WebhookSource.ShipmentChanged s -> shipment(s.before(), s.after());
            case WebhookSource.LedgerChanged l -> ledger(l.before(), l.after());
            case WebhookSource.Ignored i -> List.of();
        };
    }

    /** The merchant of the change (whose endpoints get its events), or null. */
    public static String merchantOf(WebhookSource source) {
        return switch (source) {
            case WebhookSource.OrderChanged o -> o.after().merchantId();
            case WebhookSource.ShipmentChanged s -> s.after().merchantId();
            case WebhookSource.LedgerChanged l -> l.after().merchantId();
            case WebhookSource.Ignored i -> null;
        };
    }

    private List<WebhookEvent> order(Order before, Order after) {
        String group = WebhookEvent.orderGroup(after.merchantId(), after.orderNumber());
        String m = after.merchantId();
        String n = after.orderNumber();
        if (before == null) {
            return List.of(new WebhookEvent(WebhookEvent.idOf(WebhookEvent.ORDER_CREATED, m, n, str(after.createdAt())),
                    WebhookEvent.ORDER_CREATED, after.createdAt(), group, Map.of("order", order(after))));
        }
        if (before.cancelledAt() == null && after.cancelledAt() != null) {
            return List.of(new WebhookEvent(WebhookEvent.idOf(WebhookEvent.ORDER_CANCELLED, m, n, str(after.createdAt())),
                    WebhookEvent.ORDER_CANCELLED, after.cancelledAt(), group, Map.of("order", order(after))));
        }
        if (after.version() > before.version()) {
            Instant at = after.updatedAt() != null ? after.updatedAt() : after.createdAt();
            return List.of(new WebhookEvent(WebhookEvent.idOf(WebhookEvent.ORDER_UPDATED, m, n, str(after.createdAt()),
                    Long.toString(after.version())), WebhookEvent.ORDER_UPDATED, at, group, Map.of("order", order(after))));
        }
        return List.of(); // bookkeeping (parcel counts, expiry): no news
    }

    private List<WebhookEvent> shipment(Shipment before, Shipment after) {
        if (before == null || after.updatedAt() == null) {
            return List.of();
        }
        List<WebhookEvent> out = new ArrayList<>();
        String group = WebhookEvent.shipmentGroup(after.shipmentId());
        String version = Long.toString(after.version());
        Instant at = after.updatedAt();
        TrackingEvent[] event = new TrackingEvent[1];
        boolean[] looked = new boolean[1];
        Function<Void, TrackingEvent> lookup = v -> {
            if (!looked[0]) {
                event[0] = carrierEvent.apply(after);
                looked[0] = true;
            }
            return event[0];
        };
        if (before.status() != after.status()) {
            Map<String, Object> data = shipmentData(after);
            data.put("previousStatus", before.status().name());
            data.put("status", after.status().name());
            data.put("reason", after.reason().name());
            putIfNotNull(data, "carrierEvent", carrierEvent(lookup.apply(null)));
            putIfNotNull(data, "estimatedDelivery", eta(after.estimatedDelivery()));
            out.add(new WebhookEvent(WebhookEvent.idOf(WebhookEvent.SHIPMENT_STATUS_CHANGED, after.merchantId(),
                    after.shipmentId(), version), WebhookEvent.SHIPMENT_STATUS_CHANGED, at, group, data));
        }
        for (DetectedMilestone m : MilestoneRules.detect(before, after)) {
            String type = switch (m.milestone()) {
                case EXCEPTION -> WebhookEvent.SHIPMENT_EXCEPTION;
                case DELAYED -> WebhookEvent.SHIPMENT_DELAYED;
                case STALLED -> WebhookEvent.SHIPMENT_STALLED;
                case DELIVERED -> WebhookEvent.SHIPMENT_DELIVERED;
                default -> null;
            };
            if (type == null) {
                continue;
            }
            Map<String, Object> data = shipmentData(after);
            switch (m.milestone()) {
                case EXCEPTION -> {
                    data.put("reason", m.reason().name());
                    putIfNotNull(data, "carrierEvent", carrierEvent(lookup.apply(null)));
                }
                case DELAYED -> {
                    boolean dated = m.episode().matches("\\d{4}-\\d{2}-\\d{2}");
                    data.put("missed", dated ? "carrierEstimate" : "promisedDate");
                    putIfNotNull(data, "missedDate", dated ? m.episode() : null);
                    putIfNotNull(data, "estimatedDelivery", eta(after.estimatedDelivery()));
                }
                case STALLED -> putIfNotNull(data, "lastScanAt", str(after.lastScanAt()));
                case DELIVERED -> {
                    putIfNotNull(data, "deliveredAt", str(after.lastEventAt()));
                    putIfNotNull(data, "carrierEvent", carrierEvent(lookup.apply(null)));
                }
                default -> { }
            }
            out.add(new WebhookEvent(WebhookEvent.idOf(type, after.merchantId(), after.shipmentId(), version),
                    type, at, group, data));
        }
        return out;
    }

    private List<WebhookEvent> ledger(WebhookSource.LedgerEntry before, WebhookSource.LedgerEntry after) {
        String type = switch (after.state() == null ? "" : after.state()) {
            case "SENT" -> WebhookEvent.NOTIFICATION_SENT;
            case "SKIPPED" -> WebhookEvent.NOTIFICATION_FAILED;
            default -> null;
        };
        if (type == null || (before != null && Objects.equals(before.state(), after.state())) || after.at() == null) {
            return List.of();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderNumber", after.orderNumber());
        putIfNotNull(data, "shipmentId", after.shipmentId());
        data.put("channel", after.channel().name());
        data.put("milestone", after.milestone().name());
        putIfNotNull(data, "episode", after.episode() == null || after.episode().isEmpty() ? null : after.episode());
        if (type.equals(WebhookEvent.NOTIFICATION_SENT)) {
            data.put("sentAt", after.at().toString());
        } else {
            data.put("failedAt", after.at().toString());
            data.put("failureReason", after.skipReason() == null ? "unknown" : after.skipReason());
        }
        String group = after.shipmentId() != null ? WebhookEvent.shipmentGroup(after.shipmentId())
                : WebhookEvent.orderGroup(after.merchantId(), after.orderNumber());
        return List.of(new WebhookEvent(WebhookEvent.idOf(type, after.entryKey()), type, after.at(), group, data));
    }

    private static Map<String, Object> order(Order o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderNumber", o.orderNumber());
        m.put("createdAt", str(o.createdAt()));
        putIfNotNull(m, "updatedAt", str(o.updatedAt()));
        putIfNotNull(m, "cancelledAt", str(o.cancelledAt()));
        putIfNotNull(m, "promisedDeliveryDate", o.promisedDeliveryDate() == null ? null : o.promisedDeliveryDate().toString());
        m.put("itemCount", o.items().size());
        m.put("version", o.version());
        return m;
    }

    private static Map<String, Object> shipmentData(Shipment s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderNumber", s.orderNumber());
        Map<String, Object> shipment = new LinkedHashMap<>();
        shipment.put("shipmentId", s.shipmentId());
        shipment.put("carrier", s.carrier().code());
        shipment.put("trackingNumber", s.trackingNumber());
        shipment.put("status", s.status().name());
        shipment.put("reason", s.reason().name());
        shipment.put("delayed", s.delayed());
        shipment.put("stalled", s.stalled());
        data.put("shipment", shipment);
        data.put("sequence", s.version());
        return data;
    }

    private static Map<String, Object> carrierEvent(TrackingEvent e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        putIfNotNull(m, "time", e.time() == null ? null : e.time().toString());
        m.put("status", e.status().name());
        m.put("reason", e.reason().name());
        putIfNotNull(m, "carrierCode", e.carrierCode());
        putIfNotNull(m, "description", e.description());
        putIfNotNull(m, "location", e.location());
        return m;
    }

    private static Map<String, Object> eta(EstimatedDelivery eta) {
        if (eta == null || (eta.date() == null && eta.windowStart() == null)) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        putIfNotNull(m, "date", eta.date() == null ? null : eta.date().toString());
        putIfNotNull(m, "windowStart", eta.windowStart() == null ? null : eta.windowStart().toString());
        putIfNotNull(m, "windowEnd", eta.windowEnd() == null ? null : eta.windowEnd().toString());
        putIfNotNull(m, "kind", eta.kind() == null ? null : eta.kind().name());
        return m;
    }

    private static void putIfNotNull(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
