package io.ordertracker.carriers.usps;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.carriers.CarrierResponseParser;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.CarrierTrackingResult.Failure;
import io.ordertracker.carriers.CodeTable;
import io.ordertracker.carriers.ErrorBodies;
import io.ordertracker.carriers.EventTimes;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.carriers.Json;
import io.ordertracker.carriers.ScanEvent;
import io.ordertracker.carriers.TrackingAssembler;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.lanes.Route;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.ordertracker.carriers.Json.elements;
import static io.ordertracker.carriers.Json.text;

/** USPS Tracking v3 {@code GET /tracking/v3/tracking/{n}?expand=DETAIL} bodies. */
public final class UspsResponseParser implements CarrierResponseParser {

    /** trackingEvents[].eventCode (Pub 199 Appendix G-4). Codes are strings: "01" is not "1". */
    public static final CodeTable EVENT_CODES = CodeTable.load("/io/ordertracker/carriers/usps/event-codes.csv", 1);
    /** Every documented error answer (USPS v3 errors carry the HTTP status as their code). */
    public static final io.ordertracker.carriers.ErrorCodes ERRORS =
            io.ordertracker.carriers.ErrorCodes.load("/io/ordertracker/carriers/usps/error-codes.csv");

    /** statusCategory, used only for a piece with no events yet. */
    private static final Map<String, CodeTable.Mapping> STATUS_CATEGORIES = Map.of(
            "PRE-SHIPMENT", mapping(ShipmentStatus.INFO_RECEIVED, ExceptionReason.NONE),
            "ACCEPTED", mapping(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE),
            "IN TRANSIT", mapping(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE),
            "OUT FOR DELIVERY", mapping(ShipmentStatus.OUT_FOR_DELIVERY, ExceptionReason.NONE),
            "DELIVERED", mapping(ShipmentStatus.DELIVERED, ExceptionReason.NONE),
            "AVAILABLE FOR PICKUP", mapping(ShipmentStatus.AVAILABLE_FOR_PICKUP, ExceptionReason.NONE),
            "DELIVERY ATTEMPT", mapping(ShipmentStatus.DELIVERY_ATTEMPTED, ExceptionReason.RECIPIENT_UNAVAILABLE),
            "ALERT", mapping(ShipmentStatus.EXCEPTION, ExceptionReason.OTHER),
            "RETURN TO SENDER", mapping(ShipmentStatus.RETURNING_TO_SENDER, ExceptionReason.RETURNING));

    @Override
    public List<CarrierTrackingResult> parse(String body, int httpStatus) {
        JsonNode root = Json.read(body).orElse(null);
        if (root == null) {
            return List.of(ErrorBodies.unreadable("USPS", httpStatus));
        }
        if (root.has("error") || httpStatus >= 400) {
            return List.of(error(root, httpStatus));
        }
        String number = text(root, "trackingNumber");
        List<ScanEvent> scans = new ArrayList<>();
        String signedBy = null;
        OffsetDateTime newest = null;
        for (JsonNode event : elements(root.get("trackingEvents"))) {
            String code = text(event, "eventCode");
            OffsetDateTime time = time(event);
            CodeTable.Mapping mapping = EVENT_CODES.lookup(code);
            if (mapping.status() == ShipmentStatus.DELIVERED && text(event, "name") != null) {
                signedBy = text(event, "name");
            }
            if (time != null && (newest == null || time.isAfter(newest))) {
                newest = time;
            }
            scans.add(new ScanEvent(time, code, text(event, "eventType"),
                    TrackingAssembler.location(text(event, "eventCity"), text(event, "eventState"),
                            text(event, "eventZIP"), text(event, "eventCountry")),
                    mapping, null));
        }
        String category = text(root, "statusCategory");
        ScanEvent summary = category == null ? null : new ScanEvent(null, category, text(root, "statusSummary"), null,
                STATUS_CATEGORIES.getOrDefault(category.toUpperCase(Locale.ROOT), CodeTable.UNMAPPED), null);
        return List.of(TrackingAssembler.assemble(number, scans, summary,
                estimate(root, newest == null ? null : newest.getOffset()), null, signedBy).withRoute(route(root)));
    }

    /**
     * mailClass ("PRIORITY_MAIL"), originCountry/originState and destinationCountryCode/destinationState; a state
     * without a country is a US one (domestic mail names no country).
     */
    static Route route(JsonNode root) {
        String mailClass = text(root, "mailClass");
        // the enum's words ("PRIORITY_MAIL"); some answers carry the human-readable class ("Priority Mail")
        return new Route(mailClass == null ? null : mailClass.trim().replace(' ', '_'),
                region(text(root, "originCountry"), text(root, "originState")),
                region(text(root, "destinationCountryCode"), text(root, "destinationState")));
    }

    private static String region(String country, String state) {
        if (country == null && state != null && state.trim().length() == 2) {
            country = "US";
        }
        return Route.region(country, state);
    }

    /** eventTimestamp is local wall time; GMTOffset ("-7:00") says where; GMTTimestamp is the exact fallback. */
    private static OffsetDateTime time(JsonNode event) {
        ZoneOffset offset = EventTimes.offset(text(event, "GMTOffset"));
        String local = text(event, "eventTimestamp");
        if (local != null && (offset != null || hasOffset(local))) {
            return EventTimes.isoDateTime(local, offset);
        }
        OffsetDateTime gmt = EventTimes.isoDateTime(text(event, "GMTTimestamp"), ZoneOffset.UTC);
        if (gmt != null) {
            return offset == null ? gmt : gmt.withOffsetSameInstant(offset);
        }
        return EventTimes.isoDateTime(local, null);
    }

    private static boolean hasOffset(String iso) {
        return iso.length() > 19 && (iso.endsWith("Z") || iso.substring(19).matches(".*[+-]\\d{2}:?\\d{2}$"));
    }

    /**
     * The predicted date (with its window when given) is USPS's newest estimate; the expected date is the service
     * standard. Dates stay dates.
     */
    private static EstimatedDelivery estimate(JsonNode root, ZoneOffset newestOffset) {
        LocalDate predicted = EventTimes.leadingDate(text(root, "predictedDeliveryDate"));
        if (predicted != null) {
            LocalTime start = EventTimes.clockTime(text(root, "predictedDeliveryWindowStartTime"));
            LocalTime end = EventTimes.clockTime(text(root, "predictedDeliveryWindowEndTime"));
            if (start != null && end != null) {
                ZoneOffset offset = newestOffset == null ? ZoneOffset.UTC : newestOffset;
                return new EstimatedDelivery(predicted, predicted.atTime(start).atOffset(offset),
                        predicted.atTime(end).atOffset(offset), EstimatedDelivery.Kind.WINDOW);
            }
            return EstimatedDelivery.of(predicted, EstimatedDelivery.Kind.ESTIMATED);
        }
        LocalDate expected = EventTimes.leadingDate(text(root, "expectedDeliveryDate"));
        if (expected == null) {
            expected = EventTimes.leadingDate(text(root, "expectedDeliveryTimeStamp"));
        }
        if (expected == null) {
            expected = EventTimes.leadingDate(text(root, "guaranteedDeliveryDate"));
        }
        return expected == null ? null : EstimatedDelivery.of(expected, EstimatedDelivery.Kind.SCHEDULED);
    }

    private static Failure error(JsonNode root, int httpStatus) {
        JsonNode error = root.get("error");
        String message = text(error, "message");
        String detail = null;
        for (JsonNode e : elements(Json.at(error, "errors"))) {
            detail = text(e, "detail") != null ? text(e, "detail") : text(e, "title");
            break;
        }
        int status = httpStatus;
        if (status < 400 && text(error, "code") != null && text(error, "code").matches("\\d{3}")) {
            status = Integer.parseInt(text(error, "code"));
        }
        FailureKind kind = ERRORS.classify(null, status);
        String all = ((message == null ? "" : message) + " " + (detail == null ? "" : detail)).toLowerCase(Locale.ROOT);
        if (kind == FailureKind.INVALID && all.contains("not found")) {
            kind = FailureKind.NOT_FOUND;
        }
        if (root.has("error_description") || root.path("error").isTextual()) {
            // the OAuth endpoint's own error shape: {"error":"invalid_client","error_description":...}
            kind = ERRORS.kind(text(root, "error")).orElse(FailureKind.AUTH);
            message = text(root, "error_description");
        }
        return Failure.of(null, kind, "HTTP " + status + ": " + (message == null ? "" : message)
                + (detail == null ? "" : " (" + detail + ")"));
    }

    private static CodeTable.Mapping mapping(ShipmentStatus status, ExceptionReason reason) {
        return new CodeTable.Mapping(status, reason, null);
    }
}
