package io.ordertracker.domain.webhooks;

import java.util.List;
import java.util.Optional;

/** The port of the delivery log: one item per (endpoint, event), kept 30 days after its last attempt. */
public interface WebhookDeliveries {

    /** Stores a new delivery; false when it exists already (the same event seen again). */
    boolean create(WebhookDelivery delivery);

    Optional<WebhookDelivery> find(String merchantId, String endpointId, String deliveryId);

    /** Newest first, at most {@code limit}. */
    List<WebhookDelivery> list(String merchantId, String endpointId, int limit);

    /** Writes the delivery's status, attempts and next attempt (the sender is its only writer at a time). */
    void save(WebhookDelivery delivery);
}
