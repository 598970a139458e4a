package io.ordertracker.domain;

/** Where a shipment lives: its merchant, its order and its id. Every shipment read or write starts from one. */
public record ShipmentRef(String merchantId, String orderNumber, String shipmentId) {

    public static ShipmentRef of(Shipment shipment) {
        return new ShipmentRef(shipment.merchantId(), shipment.orderNumber(), shipment.shipmentId());
    }
}
