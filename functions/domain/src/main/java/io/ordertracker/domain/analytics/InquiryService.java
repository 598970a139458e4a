package io.ordertracker.domain.analytics;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.orders.OrderStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/orders/{orderNumber}/inquiries}: a shopper asked about an order. Counted on the day it was
 * received, with what the shopper had been told before asking (from the order's parcels: an exception notice when
 * one is in trouble, else a delay notice when one was announced late, else nothing), once per Idempotency-Key.
 */
public final class InquiryService {
    private final OrderStore orders;
    private final MerchantFacts facts;
    private final Clock clock;

    public InquiryService(OrderStore orders, MerchantFacts facts, Clock clock) {
        this.orders = orders;
        this.facts = facts;
        this.clock = clock;
    }

    /** @param counted false when the same Idempotency-Key had been recorded before (counted once, then) */
    public record Recorded(Inquiry inquiry, boolean counted) {
    }

    /** @return the inquiry as recorded; empty when the merchant has no such order */
    public Optional<Recorded> record(String merchantId, String orderNumber, Inquiry.Channel channel,
                                    Inquiry.Reason reason, String idempotencyKey) {
        if (orders.findOrder(merchantId, orderNumber).isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Inquiry.Told told = told(orders.findShipments(merchantId, orderNumber));
        String factId = "INQUIRY#" + Hashing.sha256Hex(orderNumber + "#"
                + (idempotencyKey == null ? UUID.randomUUID().toString() : "key:" + idempotencyKey));
        boolean counted = facts.record(new Fact(merchantId, factId, now.atZone(ZoneOffset.UTC).toLocalDate(), List.of(Fact.DAY),
                Map.of(Counters.INQUIRIES, 1L, Counters.inquiry(told), 1L, Counters.inquiryReason(reason), 1L)));
        return Optional.of(new Recorded(new Inquiry("inq_" + factId.substring("INQUIRY#".length(),
                "INQUIRY#".length() + 24), orderNumber, channel, reason, told, now), counted));
    }

    /** What the shopper had been told, judged from the parcels' state (the messages follow the same rules). */
    public static Inquiry.Told told(List<Shipment> shipments) {
        boolean delay = false;
        for (Shipment s : shipments) {
            ExceptionReason r = s.reason();
            boolean trouble = s.status() == ShipmentStatus.EXCEPTION || s.status() == ShipmentStatus.FAILED
                    || s.status() == ShipmentStatus.RETURNING_TO_SENDER
                    || (r != ExceptionReason.NONE && !r.isDelay() && s.status() != ShipmentStatus.DELIVERED);
            if (trouble) {
                return Inquiry.Told.EXCEPTION_NOTICE;
            }
            delay |= s.delayed() || s.delay().episode() != null;
        }
        return delay ? Inquiry.Told.DELAY_NOTICE : Inquiry.Told.NOTHING;
    }
}
