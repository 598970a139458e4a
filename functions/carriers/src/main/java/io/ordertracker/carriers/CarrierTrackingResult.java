package io.ordertracker.carriers;

import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.lanes.Route;
import io.ordertracker.domain.polling.Observation;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** What a carrier said about one tracking number: either a normalized state or a classified failure. */
public sealed interface CarrierTrackingResult permits CarrierTrackingResult.Tracked, CarrierTrackingResult.Failure {

    String trackingNumber();

    /**
     * A tracking state in canonical form.
     *
     * @param status            the status of the newest status-bearing event (UNKNOWN when the carrier's code is unmapped)
     * @param reason            the exception reason that goes with {@code status}, NONE when not in trouble
     * @param estimatedDelivery the carrier's current estimate, null when none (never the delivered date)
     * @param deliveredAt       when it was delivered, with the carrier's offset, null unless delivered
     * @param signedBy          who signed or received it, where the carrier says
     * @param events            every event, newest first
     * @param carrierStatusCode the carrier's own code behind {@code status}, kept verbatim
     * @param route             service and origin/destination regions where the carrier gives them (for the lane
     *                          baselines), null when it gives none
     */
    record Tracked(String trackingNumber, ShipmentStatus status, ExceptionReason reason,
                   EstimatedDelivery estimatedDelivery, OffsetDateTime deliveredAt, String signedBy,
                   List<TrackingEvent> events, String carrierStatusCode, Route route) implements CarrierTrackingResult {
        public Tracked {
            reason = reason == null ? ExceptionReason.NONE : reason;
            events = events == null ? List.of() : List.copyOf(events);
        }

        public Tracked(String trackingNumber, ShipmentStatus status, ExceptionReason reason,
                       EstimatedDelivery estimatedDelivery, OffsetDateTime deliveredAt, String signedBy,
                       List<TrackingEvent> events, String carrierStatusCode) {
            this(trackingNumber, status, reason, estimatedDelivery, deliveredAt, signedBy, events, carrierStatusCode, null);
        }

        /** The same answer with the route read from the body beside the events. */
        public Tracked withRoute(Route newRoute) {
            return new Tracked(trackingNumber, status, reason, estimatedDelivery, deliveredAt, signedBy, events,
                    carrierStatusCode, newRoute);
        }

        /** The answer in the domain's terms, for the write path. */
        public Observation observation() {
            return new Observation(status, reason, estimatedDelivery, deliveredAt, signedBy, events, carrierStatusCode,
                    route);
        }
    }

    /**
     * A number the carrier could not report on.
     *
     * @param retryAfter how long the carrier asked us to wait (RATE_LIMITED), otherwise null
     */
    record Failure(String trackingNumber, FailureKind kind, String message, Duration retryAfter)
            implements CarrierTrackingResult {

        public static Failure of(String trackingNumber, FailureKind kind, String message) {
            return new Failure(trackingNumber, kind, message, null);
        }

        /** The same failure, attributed to the number that was asked about (error bodies often omit it). */
        public Failure forNumber(String number) {
            return new Failure(number, kind, message, retryAfter);
        }
    }
}
