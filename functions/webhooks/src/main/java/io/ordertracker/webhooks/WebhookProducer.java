package io.ordertracker.webhooks;

import io.ordertracker.domain.webhooks.WebhookDeliveries;
import io.ordertracker.domain.webhooks.WebhookDelivery;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import io.ordertracker.domain.webhooks.WebhookEndpoints;
import io.ordertracker.domain.webhooks.WebhookSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * From one change of the table to deliveries: the events it means ({@link WebhookEvents}), for every enabled
 * endpoint of the merchant that subscribed to their type, stored in the delivery log (once: the id is derived from
 * endpoint and event) and queued in order, one FIFO group per endpoint and shipment (or order).
 */
public final class WebhookProducer {
    private final WebhookEvents events;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final DeliveryQueue queue;
    private final Clock clock;

    public WebhookProducer(WebhookEvents events, WebhookEndpoints endpoints, WebhookDeliveries deliveries,
                           DeliveryQueue queue, Clock clock) {
        this.events = events;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * @param endpointCache the merchants' endpoints read so far in this batch (one query per merchant and batch)
     * @return how many deliveries were queued
     */
    public int onChange(WebhookSource source, Map<String, List<WebhookEndpoint>> endpointCache) {
        String merchantId = WebhookEvents.merchantOf(source);
        if (merchantId == null) {
            return 0;
        }
        List<WebhookEndpoint> targets = endpointCache.computeIfAbsent(merchantId, endpoints::list);
        if (targets.stream().noneMatch(WebhookEndpoint::enabled)) {
            return 0; // most merchants have no endpoint: no event is even built
        }
        List<DeliveryQueue.Entry> entries = new ArrayList<>();
        for (WebhookEvent event : events.of(source)) {
            for (WebhookEndpoint endpoint : targets) {
                if (endpoint.wants(event.type())) {
                    entries.add(enqueue(endpoint, event, false));
                }
            }
        }
        if (!entries.isEmpty()) {
            queue.send(entries);
        }
        return entries.size();
    }

    /** Stores the delivery (unless stored already) and returns its queue entry. */
    DeliveryQueue.Entry enqueue(WebhookEndpoint endpoint, WebhookEvent event, boolean replay) {
        String deliveryId = deliveryId(endpoint.endpointId(), event);
        deliveries.create(new WebhookDelivery(endpoint.merchantId(), endpoint.endpointId(), deliveryId, event.id(),
                event.type(), event.payload(), event.groupKey(), clock.instant(), WebhookDelivery.Status.PENDING,
                List.of(), null));
        return new DeliveryQueue.Entry(new DeliveryMessage(endpoint.merchantId(), endpoint.endpointId(), deliveryId,
                event.id(), event.type(), replay), groupId(endpoint.endpointId(), event.groupKey()), deliveryId);
    }

    /** The endpoint's FIFO group for what the event is about. */
    public static String groupId(String endpointId, String groupKey) {
        return endpointId + "|" + groupKey;
    }

    /**
     * {@code dlv_} + the event's time (13-digit epoch milliseconds, so ids sort by time) + 16 hex of endpoint and
     * event: the same event for the same endpoint is the same delivery.
     */
    public static String deliveryId(String endpointId, WebhookEvent event) {
        return String.format("dlv_%013d_%s", event.timestamp().toEpochMilli(),
                io.ordertracker.domain.Hashing.sha256Hex(endpointId + "|" + event.id()).substring(0, 16));
    }
}
