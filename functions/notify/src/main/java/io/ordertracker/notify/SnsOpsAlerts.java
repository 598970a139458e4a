package io.ordertracker.notify;

import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.notify.DetectedMilestone;
import io.ordertracker.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Shipment exceptions to the ops topic, as JSON with the reason and carrier also as message attributes (so a
 * subscriber can filter, e.g. only LOST). No shopper contact data goes to ops.
 */
public final class SnsOpsAlerts implements ChangeDetector.OpsAlerts {
    private final SnsClient sns;
    private final String topicArn;

    public SnsOpsAlerts(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void exception(Shipment s, DetectedMilestone m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantId", s.merchantId());
        body.put("orderNumber", s.orderNumber());
        body.put("shipmentId", s.shipmentId());
        body.put("carrier", s.carrier().code());
        body.put("trackingNumber", s.trackingNumber());
        body.put("status", s.status().name());
        body.put("reason", m.reason().name());
        sns.publish(b -> b.topicArn(topicArn).subject("Shipment exception: " + m.reason().name())
                .message(Json.write(body))
                .messageAttributes(Map.of(
                        "reason", MessageAttributeValue.builder().dataType("String").stringValue(m.reason().name()).build(),
                        "carrier", MessageAttributeValue.builder().dataType("String").stringValue(s.carrier().code()).build())));
    }
}
