package io.ordertracker.functions.ordersapi;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.orders.OrderService.OrderList;
import io.ordertracker.domain.orders.OrderService.OrderSummary;
import io.ordertracker.domain.orders.OrderService.OrderView;
import io.ordertracker.domain.orders.OrderService.ShipmentView;
import java.util.List;

/** The API's JSON shapes (docs/openapi.yaml): what merchants read back. */
final class OrderResponses {
    private OrderResponses() {
    }

    record OrderBody(String orderNumber, String createdAt, String updatedAt, String cancelledAt, CustomerBody customer,
                     List<OrderItem> items, String promisedDeliveryDate, List<ShipmentBody> shipments) {
    }

    /** One order of a list: no customer contact and no events, only what a back office scans a list for. */
    record OrderSummaryBody(String orderNumber, String createdAt, String updatedAt, String cancelledAt,
                            String promisedDeliveryDate, List<ShipmentSummaryBody> shipments) {
    }

    record ShipmentSummaryBody(String shipmentId, String carrier, String trackingNumber, boolean tracking,
                               String status, String reason, boolean delayed, boolean stalled) {
    }

    record OrderListBody(List<OrderSummaryBody> orders, String nextCursor) {
    }

    record OrdersByParcelBody(List<OrderBody> orders) {
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
        return new OrderBody(o.orderNumber(), o.createdAt().toString(), text(o.updatedAt()), text(o.cancelledAt()),
                new CustomerBody(o.customer().name(), o.customer().email(), o.customer().phone(),
                        o.customer().timeZone(), o.customer().locale()),
                o.items(), o.promisedDeliveryDate() == null ? null : o.promisedDeliveryDate().toString(),
                view.shipments().stream().map(s -> shipment(s, pageBaseUrl)).toList());
    }

    static OrderListBody list(OrderList list, String nextCursor) {
        return new OrderListBody(list.orders().stream().map(OrderResponses::summary).toList(), nextCursor);
    }

    private static OrderSummaryBody summary(OrderSummary summary) {
        Order o = summary.order();
        return new OrderSummaryBody(o.orderNumber(), o.createdAt().toString(), text(o.updatedAt()),
                text(o.cancelledAt()), text(o.promisedDeliveryDate()),
                summary.shipments().stream().map(s -> new ShipmentSummaryBody(s.shipmentId(), s.carrier().code(),
                        s.trackingNumber(), s.active(), s.status().name(),
                        s.reason() == ExceptionReason.NONE ? null : s.reason().name(), s.delayed(), s.stalled()))
                        .toList());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
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
