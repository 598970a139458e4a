package io.ordertracker.webhooks;

import io.ordertracker.domain.Hashing;
import io.ordertracker.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event as merchants receive it (the Standard Webhooks payload): {@code {"id", "type", "timestamp",
 * "version", "data"}}. Its id is derived from what changed, so the same change seen twice is the same event.
 *
 * @param groupKey what the event is about, for ordering: {@code shipment:<id>} or {@code order:<hash>}
 */
public record WebhookEvent(String id, String type, Instant timestamp, String groupKey, Map<String, Object> data) {
    /** The payload version: a breaking change to any event's data gets a new number (docs/webhooks.md). */
    public static final int VERSION = 1;

    public static final String ORDER_CREATED = "order.created";
    public static final String ORDER_UPDATED = "order.updated";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String SHIPMENT_STATUS_CHANGED = "shipment.status_changed";
    public static final String SHIPMENT_EXCEPTION = "shipment.exception";
    public static final String SHIPMENT_DELAYED = "shipment.delayed";
    public static final String SHIPMENT_STALLED = "shipment.stalled";
    public static final String SHIPMENT_DELIVERED = "shipment.delivered";
    public static final String NOTIFICATION_SENT = "notification.sent";
    public static final String NOTIFICATION_FAILED = "notification.failed";
    /** Sent only by {@code POST /v1/webhooks/{id}/test}, whatever the endpoint subscribed to. */
    public static final String WEBHOOK_TEST = "webhook.test";

    /** Every type an endpoint may subscribe to. */
    public static final List<String> TYPES = List.of(ORDER_CREATED, ORDER_UPDATED, ORDER_CANCELLED,
            SHIPMENT_STATUS_CHANGED, SHIPMENT_EXCEPTION, SHIPMENT_DELAYED, SHIPMENT_STALLED, SHIPMENT_DELIVERED,
            NOTIFICATION_SENT, NOTIFICATION_FAILED);

    /** A stable id: {@code evt_} + 32 hex of SHA-256 over the parts that identify the change. */
    public static String idOf(String type, String... parts) {
        return "evt_" + Hashing.sha256Hex(type + "|" + String.join("|", parts)).substring(0, 32);
    }

    /** The exact body sent: the same event always gives the same bytes. */
    public String payload() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("timestamp", timestamp.toString());
        body.put("version", VERSION);
        body.put("data", data);
        return Json.write(body);
    }

    public static String shipmentGroup(String shipmentId) {
        return "shipment:" + shipmentId;
    }

    public static String orderGroup(String merchantId, String orderNumber) {
        return "order:" + Hashing.sha256Hex(merchantId + "|" + orderNumber).substring(0, 24);
    }
}
