package io.ordertracker.domain.polling;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.lanes.Route;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a carrier said about one number, in canonical form, whether we asked (polling) or it told us (push). The
 * carriers module produces it; the domain knows no carrier format.
 *
 * @param status            the status of the newest status-bearing event
 * @param estimatedDelivery the carrier's current estimate, or null
 * @param deliveredAt       when it was delivered, or null
 * @param events            the events the carrier reported (any order; a push usually carries one)
 * @param route             the service and origin/destination regions the carrier reported, or null
 */
public record Observation(ShipmentStatus status, ExceptionReason reason, EstimatedDelivery estimatedDelivery,
                          OffsetDateTime deliveredAt, String signedBy, List<TrackingEvent> events,
                          String carrierStatusCode, Route route) {

    public Observation {
        reason = reason == null ? ExceptionReason.NONE : reason;
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Without a route (pushes and carriers that do not say). */
    public Observation(ShipmentStatus status, ExceptionReason reason, EstimatedDelivery estimatedDelivery,
                       OffsetDateTime deliveredAt, String signedBy, List<TrackingEvent> events,
                       String carrierStatusCode) {
        this(status, reason, estimatedDelivery, deliveredAt, signedBy, events, carrierStatusCode, null);
    }

    /** The newest event by carrier time (not by position in the list). */
    public Optional<TrackingEvent> newestEvent() {
        return events.stream().filter(e -> e.time() != null)
                .max(Comparator.comparing(TrackingEvent::instant));
    }

    public Instant newestEventTime() {
        return newestEvent().map(TrackingEvent::instant).orElse(null);
    }

    /** Distinct by event id, so one scan listed twice is stored once. */
    public List<TrackingEvent> distinctEvents() {
        return events.stream().filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toMap(TrackingEvent::eventId, e -> e, (a, b) -> a,
                        java.util.LinkedHashMap::new))
                .values().stream().toList();
    }
}
