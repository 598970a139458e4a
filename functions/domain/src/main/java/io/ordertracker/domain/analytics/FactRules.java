package io.ordertracker.domain.analytics;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.lanes.Lane;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.domain.lanes.TransitHistogram;
import io.ordertracker.domain.notify.TableChange;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a change of the table means for the merchant's figures: the {@link Fact}s of one stream record
 * (docs/analytics.md lists each). Pure apart from reading the order of a delivered parcel (its promised date and
 * the shopper's zone). Every fact's id names the happening, so it is counted once however often it is seen.
 */
public final class FactRules {
    private final BiFunction<String, String, Optional<Order>> orders;

    /** @param orders the order of (merchant, order number), for the promised date and the shopper's zone */
    public FactRules(BiFunction<String, String, Optional<Order>> orders) {
        this.orders = orders;
    }

    public List<Fact> facts(TableChange change) {
        if (change instanceof TableChange.OrderCreated c && c.order().createdAt() != null) {
            Order o = c.order();
            return List.of(new Fact(o.merchantId(), "ORDER#" + Hashing.sha256Hex(o.orderNumber()), day(o.createdAt()),
                    List.of(Fact.DAY), Map.of(Counters.ORDERS, 1L)));
        }
        if (change instanceof TableChange.ShipmentChanged c && c.after() != null) {
            return shipmentFacts(c.before(), c.after());
        }
        return List.of();
    }

    public List<Fact> facts(MessageSent m) {
        return List.of(new Fact(m.merchantId(), "SENT#" + m.ledgerKey(), day(m.sentAt()), List.of(Fact.DAY),
                Map.of(Counters.MESSAGES, 1L, Counters.sent(m.channel(), m.milestone()), 1L)));
    }

    /** Once per shopper address and channel (the marker expires: docs/analytics.md). */
    public List<Fact> facts(Unsubscribed u) {
        return List.of(new Fact(u.merchantId(), "UNSUB#" + u.subscriberKey() + "#" + u.channel(), day(u.at()),
                List.of(Fact.DAY), Map.of(Counters.UNSUBSCRIBES, 1L, Counters.unsubscribed(u.channel()), 1L)));
    }

    /** Counted once per (message, kind): a redelivered event, or a second open of the same email, adds nothing. */
    public List<Fact> facts(NotificationOutcome o) {
        return List.of(new Fact(o.merchantId(), "OUTCOME#" + o.channel() + "#" + o.messageId() + "#" + o.kind(),
                day(o.at()), List.of(Fact.DAY), Map.of(Counters.outcome(o.kind(), o.channel(), o.milestone()), 1L)));
    }

    private List<Fact> shipmentFacts(Shipment before, Shipment s) {
        List<Fact> out = new ArrayList<>();
        List<String> groups = groups(s);
        String id = s.shipmentId();
        if (before == null && s.createdAt() != null) {
            out.add(fact(s, "SHIPMENT#" + id, s.createdAt(), groups, Map.of(Counters.SHIPMENTS, 1L)));
        }
        Instant firstScan = s.pickedUpAt() != null ? s.pickedUpAt() : s.lastScanAt();
        if (s.status().isMoving() && (before == null || !before.status().isMoving()) && firstScan != null
                && s.createdAt() != null) {
            long hours = Math.max(0, Duration.between(s.createdAt(), firstScan).toHours());
            out.add(fact(s, "SCANNED#" + id, firstScan, groups, Map.of(Counters.SCANNED, 1L,
                    Counters.firstScanBucket(hours), 1L, Counters.SCANNED_WITHIN_24H, hours < 24 ? 1L : 0L)));
        }
        if (s.status() == ShipmentStatus.DELIVERED && (before == null || before.status() != ShipmentStatus.DELIVERED)
                && s.lastEventAt() != null) {
            out.add(fact(s, "DELIVERED#" + id, s.lastEventAt(), groups, delivered(s)));
        }
        ExceptionReason reason = s.reason();
        if (reason != ExceptionReason.NONE && !reason.isDelay() && s.status() != ShipmentStatus.DELIVERED
                && (before == null || before.reason() != reason || before.status() != s.status())) {
            out.add(fact(s, "EXCEPTION#" + id + "#" + s.status() + "#" + reason + "#" + s.lastEventAt(), when(s),
                    groups, Map.of(Counters.EXCEPTIONS, 1L, Counters.exception(reason), 1L)));
        }
        if (s.delayed() && (before == null || !before.delayed())) {
            ExceptionReason why = s.delay().notice() == null ? ExceptionReason.NONE : s.delay().notice().reason();
            out.add(fact(s, "DELAYED#" + id + "#" + s.delay().episode(), when(s), groups,
                    Map.of(Counters.DELAYS, 1L, Counters.delay(why), 1L)));
        }
        if (s.stalled() && (before == null || !before.stalled())) {
            out.add(fact(s, "STALLED#" + id + "#" + s.lastScanAt(), when(s), groups, Map.of(Counters.STALLS, 1L)));
        }
        return out;
    }

    private Map<String, Long> delivered(Shipment s) {
        Map<String, Long> add = new LinkedHashMap<>();
        add.put(Counters.DELIVERED, 1L);
        if (s.pickedUpAt() != null && !s.lastEventAt().isBefore(s.pickedUpAt())) {
            int days = TransitHistogram.bucket(LaneBaselines.transitDays(s.pickedUpAt(), s.lastEventAt()));
            add.put(Counters.transit(days), 1L);
        }
        Optional<Order> order = orders.apply(s.merchantId(), s.orderNumber());
        LocalDate deliveredOn = s.lastEventAt().atZone(zone(order)).toLocalDate();
        LocalDate firstEstimate = s.delay().firstEstimate();
        LocalDate promised = order.map(Order::promisedDeliveryDate).orElse(null);
        LocalDate judgedBy = promised != null ? promised : firstEstimate;
        if (judgedBy != null) {
            add.put(Counters.ON_TIME_JUDGED, 1L);
            add.put(Counters.ON_TIME, deliveredOn.isAfter(judgedBy) ? 0L : 1L);
        }
        if (firstEstimate != null) {
            long error = deliveredOn.toEpochDay() - firstEstimate.toEpochDay();
            add.put(Counters.ESTIMATED, 1L);
            add.put(error == 0 ? Counters.ESTIMATE_EXACT : error < 0 ? Counters.ESTIMATE_EARLY : Counters.ESTIMATE_LATE, 1L);
            add.put(Counters.ESTIMATE_ERROR_DAYS, Math.abs(error));
        }
        return add;
    }

    private static ZoneId zone(Optional<Order> order) {
        String name = order.map(o -> o.customer() == null ? null : o.customer().timeZone()).orElse(null);
        try {
            return name == null ? ZoneOffset.UTC : ZoneId.of(name);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The aggregates a shipment counts on: the day, its carrier and, once the carrier told, service and lane. */
    public static List<String> groups(Shipment s) {
        List<String> groups = new ArrayList<>(List.of(Fact.DAY, "carrier#" + s.carrier().code()));
        Lane lane = Lane.of(s.carrier(), s.route());
        if (s.route() != null && s.route().service() != null) {
            groups.add("service#" + s.carrier().code() + "#" + s.route().service());
        }
        if (lane != null) {
            groups.add("lane#" + lane.key());
        }
        return groups;
    }

    private static Instant when(Shipment s) {
        return s.lastEventAt() != null ? s.lastEventAt() : s.updatedAt() != null ? s.updatedAt() : s.createdAt();
    }

    private static Fact fact(Shipment s, String id, Instant at, List<String> groups, Map<String, Long> add) {
        return new Fact(s.merchantId(), id, day(at == null ? Instant.EPOCH : at), groups, add);
    }

    static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
