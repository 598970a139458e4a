package io.ordertracker.webhooks;

import io.ordertracker.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a webhook-queue message: which delivery to attempt. The payload itself stays on the delivery item,
 * so a message in the dead-letter queue names everything a replay needs (merchant, endpoint, delivery, event).
 *
 * @param replay a merchant's replay (or test): attempted even if the delivery succeeded before
 */
public record DeliveryMessage(String merchantId, String endpointId, String deliveryId, String eventId,
                              String eventType, boolean replay) {

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("merchantId", merchantId);
        m.put("endpointId", endpointId);
        m.put("deliveryId", deliveryId);
        m.put("eventId", eventId);
        m.put("eventType", eventType);
        m.put("replay", replay);
        return Json.write(m);
    }

    public static DeliveryMessage parse(String body) {
        DeliveryMessage m = Json.read(body, DeliveryMessage.class);
        if (m.merchantId() == null || m.endpointId() == null || m.deliveryId() == null) {
            throw new IllegalArgumentException("a webhook delivery message names merchant, endpoint and delivery");
        }
        return m;
    }
}
