package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.*;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.notify.DelayNotice;
import io.ordertracker.domain.notify.DelayState;
import io.ordertracker.domain.lanes.Route;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Shipment <-> item. The polling-index attributes exist only while the shipment is polled (sparse index). */
public final class ShipmentItems {
    /** The lane attributes (carrier service, origin and destination region) and the pickup time. */
    public static final String SERVICE = "service";
    public static final String ORIGIN_REGION = "originRegion";
    public static final String DESTINATION_REGION = "destinationRegion";
    public static final String PICKED_UP_AT = "pickedUpAt";
    /**
     * Present (true) on a shipment item whose last write only moved its polling schedule (a planner lease, a poll
     * that learned nothing): the stream consumers' FilterCriteria drop such records, so the change detector, the
     * webhook producer and the stats are not invoked for them. Every other write of the shipment item removes it
     * ({@link #CHANGED}), or the consumers would miss that write; ScheduleOnlyWritesIT checks each writer.
     */
    public static final String SCHEDULE_ONLY = "scheduleOnly";
    /** The clause every shipment write that changes what consumers see ends its update expression with. */
    public static final String CHANGED = "REMOVE " + SCHEDULE_ONLY;

    private ShipmentItems() {
    }

    public static Map<String, AttributeValue> toItem(Shipment s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.orderPk(s.merchantId(), s.orderNumber())));
        item.put(Keys.SK, s(Keys.shipmentSk(s.shipmentId())));
        item.put(Keys.ENTITY, s("SHIPMENT"));
        item.put("merchantId", s(s.merchantId()));
        item.put("orderNumber", s(s.orderNumber()));
        item.put("shipmentId", s(s.shipmentId()));
        item.put("carrier", s(s.carrier().code()));
        item.put("trackingNumber", s(s.trackingNumber()));
        item.put("trackingToken", s(s.trackingToken()));
        item.put("carrierTracking", s(Keys.carrierTracking(s.carrier().code(), s.trackingNumber())));
        item.put("status", s(s.status().name()));
        item.put("reason", s(s.reason().name()));
        item.put("delayed", bool(s.delayed()));
        item.put("stalled", bool(s.stalled()));
        item.put("active", bool(s.active()));
        item.put("version", n(s.version()));
        putIfPresent(item, "lastEventAt", s.lastEventAt());
        putIfPresent(item, "lastScanAt", s.lastScanAt());
        putIfPresent(item, "createdAt", s.createdAt());
        putIfPresent(item, "updatedAt", s.updatedAt());
        EstimatedDelivery eta = s.estimatedDelivery();
        if (eta != null) {
            putIfPresent(item, "etaDate", eta.date());
            putIfPresent(item, "etaWindowStart", eta.windowStart());
            putIfPresent(item, "etaWindowEnd", eta.windowEnd());
            putIfPresent(item, "etaKind", eta.kind());
        }
        delayAttributes(s.delay()).forEach((name, value) -> putIfPresent(item, name, value));
        Route route = s.route();
        if (route != null) {
            putIfPresent(item, SERVICE, route.service());
            putIfPresent(item, ORIGIN_REGION, route.originRegion());
            putIfPresent(item, DESTINATION_REGION, route.destinationRegion());
        }
        putIfPresent(item, PICKED_UP_AT, s.pickedUpAt());
        if (s.active() && !s.status().isTerminal() && s.nextPollAt() != null) {
            item.put("pollShard", s(Keys.pollShard(s.carrier().code(), s.shipmentId())));
            item.put("nextPollAt", n(s.nextPollAt().getEpochSecond()));
        }
        return item;
    }

    public static Shipment fromItem(Map<String, AttributeValue> item) {
        EstimatedDelivery eta = null;
        if (item.containsKey("etaDate") || item.containsKey("etaWindowStart")) {
            String date = str(item, "etaDate");
            String ws = str(item, "etaWindowStart");
            String we = str(item, "etaWindowEnd");
            String kind = str(item, "etaKind");
            eta = new EstimatedDelivery(date == null ? null : LocalDate.parse(date),
                    ws == null ? null : OffsetDateTime.parse(ws), we == null ? null : OffsetDateTime.parse(we),
                    kind == null ? EstimatedDelivery.Kind.ESTIMATED : EstimatedDelivery.Kind.valueOf(kind));
        }
        long nextPoll = num(item, "nextPollAt", -1);
        return new Shipment(str(item, "merchantId"), str(item, "orderNumber"), str(item, "shipmentId"),
                Carrier.fromCode(str(item, "carrier")).orElseThrow(), str(item, "trackingNumber"),
                str(item, "trackingToken"), ShipmentStatus.valueOf(str(item, "status")),
                ExceptionReason.valueOf(str(item, "reason")), eta, flag(item, "delayed"), flag(item, "stalled"),
                instant(item, "lastEventAt"), instant(item, "lastScanAt"),
                nextPoll < 0 ? null : java.time.Instant.ofEpochSecond(nextPoll), flag(item, "active"),
                instant(item, "createdAt"), instant(item, "updatedAt"), num(item, "version", 0), delayFrom(item),
                route(item), instant(item, PICKED_UP_AT));
    }

    /**
     * The dates the shopper was told and the delay episode (docs/data-model.md): attribute name to value, null for an
     * attribute to remove. Insertion-ordered, so update expressions come out the same every time.
     */
    public static Map<String, Object> delayAttributes(DelayState d) {
        Map<String, Object> out = new LinkedHashMap<>();
        DelayNotice notice = d.notice();
        out.put("firstEstimate", d.firstEstimate());
        out.put("toldDate", d.toldDate());
        out.put("delayEpisode", d.episode());
        out.put("delayPreviousDate", notice == null ? null : notice.previousDate());
        out.put("delayNewDate", notice == null ? null : notice.newDate());
        out.put("delayReason", notice == null ? null : notice.reason().name());
        out.put("delayBasis", notice == null ? null : notice.basis().name());
        return out;
    }

    static DelayState delayFrom(Map<String, AttributeValue> item) {
        String basis = str(item, "delayBasis");
        String reason = str(item, "delayReason");
        DelayNotice notice = basis == null ? null : new DelayNotice(date(item, "delayPreviousDate"),
                date(item, "delayNewDate"), reason == null ? ExceptionReason.NONE : ExceptionReason.valueOf(reason),
                DelayNotice.Basis.valueOf(basis));
        return new DelayState(date(item, "firstEstimate"), date(item, "toldDate"), str(item, "delayEpisode"), notice);
    }

    private static LocalDate date(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : LocalDate.parse(v);
    }

    /** The carrier's service and the lane's regions, when it said (docs/data-model.md, SHIPMENT). */
    static Route route(Map<String, AttributeValue> item) {
        Route route = new Route(str(item, SERVICE), str(item, ORIGIN_REGION), str(item, DESTINATION_REGION));
        return route.service() == null && route.originRegion() == null && route.destinationRegion() == null ? null : route;
    }
}
