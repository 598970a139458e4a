package io.ordertracker.polling;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.polling.DueShipment;
import io.ordertracker.domain.polling.TrackingBatch;
import io.ordertracker.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tracking-queue message body: one carrier, the shipments to ask about, and the plan id that makes a
 * redelivered message a no-op. Everything a person replaying it from the dead-letter queue needs is in the body.
 *
 * @param planId    unique per message; stored on each shipment it polled
 * @param plannedAt when the planner sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackingMessage(int v, String planId, String carrier, Instant plannedAt, List<Entry> shipments) {
    public static final int VERSION = 1;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String merchantId, String orderNumber, String shipmentId, String trackingNumber, String status) {
        public ShipmentRef ref() {
            return new ShipmentRef(merchantId, orderNumber, shipmentId);
        }
    }

    public static TrackingMessage of(TrackingBatch batch, Instant plannedAt) {
        return new TrackingMessage(VERSION, UUID.randomUUID().toString(), batch.carrier().code(), plannedAt,
                batch.shipments().stream().map(TrackingMessage::entry).toList());
    }

    private static Entry entry(DueShipment d) {
        return new Entry(d.merchantId(), d.orderNumber(), d.shipmentId(), d.trackingNumber(), d.status().name());
    }

    public Carrier carrierEnum() {
        return Carrier.fromCode(carrier).orElseThrow(() -> new IllegalArgumentException("unknown carrier " + carrier));
    }

    public String toJson() {
        return Json.write(this);
    }

    /** Strict: a body that is not a valid message is a poison message (it goes to the dead-letter queue). */
    public static TrackingMessage parse(String body) {
        try {
            TrackingMessage m = Json.MAPPER.readValue(body, TrackingMessage.class);
            if (m == null || m.v() != VERSION || m.planId() == null || m.shipments() == null || m.shipments().isEmpty()) {
                throw new IllegalArgumentException("not a tracking message (v" + VERSION + ")");
            }
            m.carrierEnum();
            for (Entry e : m.shipments()) {
                if (e == null || e.merchantId() == null || e.orderNumber() == null || e.shipmentId() == null
                        || e.trackingNumber() == null) {
                    throw new IllegalArgumentException("tracking message entry without its keys");
                }
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tracking message is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
