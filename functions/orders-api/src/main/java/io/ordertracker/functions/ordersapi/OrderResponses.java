package io.ordertracker.functions.ordersapi;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.orders.OrderService.OrderView;
import io.ordertracker.domain.orders.OrderService.ShipmentView;
import java.util.List;

/** The API's JSON shapes (docs/openapi.yaml): what merchants read back. */
final class OrderResponses {
    private OrderResponses() {
    }

    record OrderBody(String orderNumber, String createdAt, CustomerBody customer, List<OrderItem> items,
                     String promisedDeliveryDate, List<ShipmentBody> shipments) {
    }

    record CustomerBody(String name, String email, String phone, String timeZone, String locale) {
    }

    record ShipmentBody(String shipmentId, String carrier, String trackingNumber, String trackingUrl,
                        String carrierTrackingUrl, boolean tracking, String status, String reason,
                        EtaBody estimatedDelivery, boolean delayed, boolean stalled, String lastEventAt,
                        List<EventBody> events) {
    }

    record EtaBody(String date, String windowStart, String windowEnd, String kind) {
    }

    record EventBody(String time, String status, String reason, String code, String description, String location) {
    }

    static OrderBody order(OrderView view, String pageBaseUrl) {
        Order o = view.order();
        return new OrderBody(o.orderNumber(), o.createdAt().toString(),
                new CustomerBody(o.customer().name(), o.customer().email(), o.customer().phone(),
                        o.customer().timeZone(), o.customer().locale()),
                o.items(), o.promisedDeliveryDate() == null ? null : o.promisedDeliveryDate().toString(),
                view.shipments().stream().map(s -> shipment(s, pageBaseUrl)).toList());
    }

    static ShipmentBody shipment(ShipmentView view, String pageBaseUrl) {
        Shipment s = view.shipment();
        return new ShipmentBody(s.shipmentId(), s.carrier().code(), s.trackingNumber(),
                pageBaseUrl + "/t/" + s.trackingToken(), s.carrier().publicTrackingUrl(s.trackingNumber()),
                s.active(), s.status().name(), s.reason() == ExceptionReason.NONE ? null : s.reason().name(),
                eta(s.estimatedDelivery()), s.delayed(), s.stalled(),
                s.lastEventAt() == null ? null : s.lastEventAt().toString(),
                view.events().stream().map(OrderResponses::event).toList());
    }

    private static EtaBody eta(EstimatedDelivery eta) {
        if (eta == null) {
            return null;
        }
        return new EtaBody(eta.date() == null ? null : eta.date().toString(),
                eta.windowStart() == null ? null : eta.windowStart().toString(),
                eta.windowEnd() == null ? null : eta.windowEnd().toString(), eta.kind().name());
    }

    private static EventBody event(TrackingEvent e) {
        return new EventBody(e.time() == null ? null : e.time().toString(), e.status().name(),
                e.reason() == ExceptionReason.NONE ? null : e.reason().name(), e.carrierCode(), e.description(),
                e.location());
    }
}
