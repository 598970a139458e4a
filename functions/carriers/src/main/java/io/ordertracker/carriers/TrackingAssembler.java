package io.ordertracker.carriers;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns scans into a {@link CarrierTrackingResult.Tracked}. The shipment's status is the status of the newest
 * event by event time (not by the carrier's own summary, which can lag the latest scan). A NOTICE row keeps the
 * status and reason in force; a DELAY row keeps the status in force and sets its delay reason, until a later scan
 * with a status of its own resets it (docs/carriers.md). Generic rows are refined by the carrier's words first
 * ({@link DescriptionRules}).
 */
public final class TrackingAssembler {

    private TrackingAssembler() {
    }

    /**
     * @param summary used only when there are no events at all (e.g. a USPS label with a status category only)
     */
    public static CarrierTrackingResult.Tracked assemble(String trackingNumber, List<ScanEvent> scans,
                                                         ScanEvent summary, EstimatedDelivery estimatedDelivery,
                                                         OffsetDateTime deliveredAt, String signedBy) {
        List<ScanEvent> oldestFirst = new ArrayList<>(scans);
        // events without a time cannot be ordered; they sort as oldest so they never decide the status
        oldestFirst.sort(Comparator.comparing((ScanEvent e) -> e.time() == null ? null : e.time().toInstant(),
                Comparator.nullsFirst(Comparator.naturalOrder())));

        List<TrackingEvent> events = new ArrayList<>();
        ShipmentStatus status = null;
        ExceptionReason reason = ExceptionReason.NONE;
        String statusCode = null;
        for (ScanEvent scan : oldestFirst) {
            CodeTable.Mapping own = DescriptionRules.refine(scan.mapping(), scan.description());
            ExceptionReason eventReason = null;
            if (own.informational()) {
                if (status == null) {
                    CodeTable.Mapping fallback = scan.fallback() == null || scan.fallback().informational()
                            ? CodeTable.UNMAPPED : DescriptionRules.refine(scan.fallback(), scan.description());
                    if (fallback.informational() || (own.delay() && fallback.kind() != CodeClass.MOVEMENT
                            && fallback.kind() != CodeClass.INFO)) {
                        // a delay is never read as trouble through a coarse fallback (UPS's type letter X)
                        fallback = CodeTable.UNMAPPED;
                    }
                    status = fallback.status();
                    reason = fallback.reason();
                    statusCode = scan.code();
                }
                if (own.delay()) {
                    // a delay keeps the status in force and brings its reason, unless the parcel is already in
                    // trouble (an attempt, an exception, a return): then only this scan's event carries the delay
                    eventReason = own.reason();
                    if (reason == ExceptionReason.NONE || reason.isDelay()) {
                        reason = own.reason();
                    }
                }
            } else if (own.status() == ShipmentStatus.DELIVERED && status == ShipmentStatus.RETURNING_TO_SENDER) {
                // a parcel on its way back that is then "delivered" was delivered to the sender (USPS sends 01)
                status = ShipmentStatus.RETURNED_TO_SENDER;
                reason = ExceptionReason.RETURNED;
                statusCode = scan.code();
            } else {
                status = own.status();
                reason = own.reason();
                statusCode = scan.code();
            }
            events.add(new TrackingEvent(scan.time(), status, eventReason != null ? eventReason : reason, scan.code(),
                    scan.description(), scan.location()));
        }
        if (events.isEmpty() && summary != null) {
            CodeTable.Mapping own = summary.mapping().informational() ? CodeTable.UNMAPPED : summary.mapping();
            status = own.status();
            reason = own.reason();
            statusCode = summary.code();
        }
        if (status == null) {
            status = ShipmentStatus.UNKNOWN;
        }
        List<TrackingEvent> newestFirst = events.reversed();
        if (deliveredAt == null && status == ShipmentStatus.DELIVERED) {
            deliveredAt = newestFirst.stream().filter(e -> e.status() == ShipmentStatus.DELIVERED)
                    .reduce((newer, older) -> older) // the first DELIVERED scan, not a later photo or note
                    .map(TrackingEvent::time).orElse(null);
        }
        if (status != ShipmentStatus.DELIVERED) {
            deliveredAt = null;
            signedBy = null;
        }
        return new CarrierTrackingResult.Tracked(trackingNumber, status, reason,
                status.isTerminal() ? null : estimatedDelivery, deliveredAt, blankToNull(signedBy),
                newestFirst, statusCode);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** "City, ST, CC" from whichever parts are present. */
    public static String location(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(part.trim());
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
