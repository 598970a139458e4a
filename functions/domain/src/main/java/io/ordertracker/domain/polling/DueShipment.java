package io.ordertracker.domain.polling;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import java.time.Instant;

/** One entry of the polling index: enough to plan a carrier call and to find the shipment again. */
public record DueShipment(String merchantId, String orderNumber, String shipmentId, Carrier carrier,
                          String trackingNumber, ShipmentStatus status, Instant nextPollAt) {
}
