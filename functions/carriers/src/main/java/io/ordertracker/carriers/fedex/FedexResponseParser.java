package io.ordertracker.carriers.fedex;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.carriers.CarrierResponseParser;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.CarrierTrackingResult.Failure;
import io.ordertracker.carriers.CodeTable;
import io.ordertracker.carriers.ErrorBodies;
import io.ordertracker.carriers.ErrorCodes;
import io.ordertracker.carriers.EventTimes;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.carriers.Json;
import io.ordertracker.carriers.ScanEvent;
import io.ordertracker.carriers.TrackingAssembler;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.lanes.Route;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.ordertracker.carriers.Json.at;
import static io.ordertracker.carriers.Json.elements;
import static io.ordertracker.carriers.Json.text;

/** FedEx Track API {@code POST /track/v1/trackingnumbers} bodies. */
public final class FedexResponseParser implements CarrierResponseParser {

    /** scanEvents[].eventType and latestStatusDetail.code. */
    public static final CodeTable STATUS_CODES = CodeTable.load("/io/ordertracker/carriers/fedex/status-codes.csv", 1);
    /** scanEvents[].exceptionCode and ancillaryDetails[].reason: where listed, they replace the eventType's row. */
    public static final CodeTable EXCEPTION_CODES = CodeTable.load("/io/ordertracker/carriers/fedex/exception-codes.csv", 1);
    /** delayDetail.type (WEATHER, OPERATIONAL, ...): refines a delay or exception scan without a listed exceptionCode. */
    public static final CodeTable DELAY_TYPES = CodeTable.load("/io/ordertracker/carriers/fedex/delay-types.csv", 1);
    /** Every documented error code and HTTP status. */
    public static final ErrorCodes ERRORS = ErrorCodes.load("/io/ordertracker/carriers/fedex/error-codes.csv");

    @Override
    public List<CarrierTrackingResult> parse(String body, int httpStatus) {
        JsonNode root = Json.read(body).orElse(null);
        if (root == null) {
            return List.of(ErrorBodies.unreadable("FedEx", httpStatus));
        }
        JsonNode complete = at(root, "output", "completeTrackResults");
        if (complete == null) {
            return List.of(topLevelError(root.get("errors"), httpStatus));
        }
        List<CarrierTrackingResult> results = new ArrayList<>();
        for (JsonNode numberResult : elements(complete)) {
            results.add(bestResult(text(numberResult, "trackingNumber"), numberResult.get("trackResults")));
        }
        return results;
    }

    /**
     * One number can come back as several shipments (FedEx reuses numbers). The one with the newest scan is the
     * shopper's; the others' events must not leak into it.
     */
    private static CarrierTrackingResult bestResult(String number, JsonNode trackResults) {
        JsonNode best = null;
        Instant bestScan = null;
        JsonNode firstError = null;
        for (JsonNode result : elements(trackResults)) {
            if (result.hasNonNull("error") && !result.hasNonNull("scanEvents")) {
                firstError = firstError == null ? result.get("error") : firstError;
                continue;
            }
            Instant latest = latestScan(result);
            if (best == null || (latest != null && (bestScan == null || latest.isAfter(bestScan)))) {
                best = result;
                bestScan = latest;
            }
        }
        if (best == null) {
            return resultError(number, firstError);
        }
        return tracked(number, best);
    }

    private static Instant latestScan(JsonNode result) {
        Instant latest = null;
        for (JsonNode event : elements(result.get("scanEvents"))) {
            OffsetDateTime t = EventTimes.isoDateTime(text(event, "date"), null);
            if (t != null && (latest == null || t.toInstant().isAfter(latest))) {
                latest = t.toInstant();
            }
        }
        return latest;
    }

    private static CarrierTrackingResult tracked(String number, JsonNode result) {
        String ownNumber = text(result, "trackingNumberInfo", "trackingNumber");
        List<ScanEvent> scans = new ArrayList<>();
        for (JsonNode event : elements(result.get("scanEvents"))) {
            // eventType is the scan's own code; derivedStatusCode is FedEx's rollup and can lag the latest scan
            String code = text(event, "eventType");
            JsonNode loc = event.get("scanLocation");
            String description = text(event, "eventDescription");
            String exception = text(event, "exceptionDescription");
            if (exception != null && !exception.equalsIgnoreCase(description)) {
                description = description == null ? exception : description + " - " + exception;
            }
            scans.add(new ScanEvent(EventTimes.isoDateTime(text(event, "date"), null), code == null ? null : code.toUpperCase(),
                    description, TrackingAssembler.location(text(loc, "city"), text(loc, "stateOrProvinceCode"),
                    text(loc, "countryCode")), mapping(code, text(event, "exceptionCode"),
                    text(event, "delayDetail", "type")), null));
        }
        String summaryCode = text(result, "latestStatusDetail", "code");
        String ancillary = null;
        for (JsonNode detail : elements(at(result, "latestStatusDetail", "ancillaryDetails"))) {
            ancillary = ancillary == null ? text(detail, "reason") : ancillary;
        }
        ScanEvent summary = summaryCode == null ? null : new ScanEvent(null, summaryCode,
                text(result, "latestStatusDetail", "description"), null, mapping(summaryCode, ancillary,
                text(result, "latestStatusDetail", "delayDetail", "type")), null);
        OffsetDateTime deliveredAt = null;
        for (JsonNode d : elements(result.get("dateAndTimes"))) {
            if ("ACTUAL_DELIVERY".equals(text(d, "type"))) {
                String raw = text(d, "dateTime");
                // only trust it when it carries its offset; otherwise the DL scan's time is used
                if (raw != null && raw.length() > 19) {
                    deliveredAt = EventTimes.isoDateTime(raw, null);
                }
            }
        }
        String signedBy = text(result, "deliveryDetails", "signedByName");
        if (signedBy == null) {
            signedBy = text(result, "deliveryDetails", "receivedByName");
        }
        return TrackingAssembler.assemble(ownNumber != null ? ownNumber : number, scans, summary, estimate(result),
                deliveredAt, signedBy).withRoute(route(result));
    }

    /**
     * serviceDetail.type ("FEDEX_GROUND"); shipperInformation / recipientInformation addresses (countryCode and
     * stateOrProvinceCode), else the origin and destination locations, else the last updated delivery address.
     */
    static Route route(JsonNode result) {
        String origin = region(at(result, "shipperInformation", "address"));
        if (origin == null) {
            origin = region(at(result, "originLocation", "locationContactAndAddress", "address"));
        }
        String destination = region(at(result, "recipientInformation", "address"));
        if (destination == null) {
            destination = region(at(result, "destinationLocation", "locationContactAndAddress", "address"));
        }
        if (destination == null) {
            destination = region(result.get("lastUpdatedDestinationAddress"));
        }
        return new Route(text(result, "serviceDetail", "type"), origin, destination);
    }

    private static String region(JsonNode address) {
        return address == null ? null : Route.region(text(address, "countryCode"), text(address, "stateOrProvinceCode"));
    }

    /**
     * The scan's own row, replaced by its exception code's row where FedEx's code is listed (DE + 08: a failed
     * attempt, not an exception), else refined by delayDetail.type when the scan is a delay or an exception.
     */
    static CodeTable.Mapping mapping(String eventType, String exceptionCode, String delayType) {
        CodeTable.Mapping own = STATUS_CODES.lookup(eventType);
        if (own == CodeTable.UNMAPPED) {
            return own;
        }
        var listed = EXCEPTION_CODES.find(exceptionCode);
        if (listed.isPresent()) {
            return listed.get();
        }
        var delay = DELAY_TYPES.find(delayType);
        if (delay.isPresent() && (own.kind() == io.ordertracker.carriers.CodeClass.DELAY
                || own.kind() == io.ordertracker.carriers.CodeClass.EXCEPTION)) {
            return delay.get();
        }
        return own;
    }

    /** A window beats a date; ESTIMATED_DELIVERY beats the appointment, which beats the commitment. */
    private static EstimatedDelivery estimate(JsonNode result) {
        JsonNode window = at(result, "estimatedDeliveryTimeWindow", "window");
        String begins = text(window, "begins");
        String ends = text(window, "ends");
        if (begins != null && ends != null) {
            OffsetDateTime end = EventTimes.isoDateTime(ends, null);
            OffsetDateTime start = EventTimes.isoDateTime(begins, end == null ? null : end.getOffset());
            return new EstimatedDelivery(EventTimes.leadingDate(begins), start, end, EstimatedDelivery.Kind.WINDOW);
        }
        LocalDate estimated = null;
        LocalDate appointment = null;
        LocalDate commitment = null;
        for (JsonNode d : elements(result.get("dateAndTimes"))) {
            LocalDate date = EventTimes.leadingDate(text(d, "dateTime"));
            switch (String.valueOf(text(d, "type"))) {
                case "ESTIMATED_DELIVERY" -> estimated = date;
                case "APPOINTMENT_DELIVERY" -> appointment = date;
                case "COMMITMENT" -> commitment = date;
                default -> { }
            }
        }
        if (estimated != null) {
            return EstimatedDelivery.of(estimated, EstimatedDelivery.Kind.ESTIMATED);
        }
        if (appointment != null) {
            return EstimatedDelivery.of(appointment, EstimatedDelivery.Kind.SCHEDULED);
        }
        return commitment == null ? null : EstimatedDelivery.of(commitment, EstimatedDelivery.Kind.SCHEDULED);
    }

    private static Failure resultError(String number, JsonNode error) {
        String code = text(error, "code");
        String message = text(error, "message");
        FailureKind kind;
        if (code == null) {
            kind = FailureKind.UNKNOWN;
        } else {
            // a per-number error is about the number: an unlisted code still says not found or invalid in its name
            kind = ERRORS.kind(code).orElse(code.contains("NOTFOUND") || code.contains("NOT.FOUND")
                    ? FailureKind.NOT_FOUND : FailureKind.INVALID);
        }
        return Failure.of(number, kind, code + ": " + message);
    }

    private static Failure topLevelError(JsonNode errors, int httpStatus) {
        String code = null;
        String message = null;
        for (JsonNode e : elements(errors)) {
            code = text(e, "code");
            message = text(e, "message");
            break;
        }
        FailureKind kind = ERRORS.classify(code, httpStatus);
        return Failure.of(null, kind, (code == null ? "HTTP " + httpStatus : code) + ": " + message);
    }
}
