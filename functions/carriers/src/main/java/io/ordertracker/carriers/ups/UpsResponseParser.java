package io.ordertracker.carriers.ups;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.carriers.CarrierResponseParser;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.CarrierTrackingResult.Failure;
import io.ordertracker.carriers.CodeTable;
import io.ordertracker.carriers.ErrorBodies;
import io.ordertracker.carriers.EventTimes;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.carriers.ScanEvent;
import io.ordertracker.carriers.TrackingAssembler;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.lanes.Route;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.ordertracker.carriers.Json.elements;
import static io.ordertracker.carriers.Json.text;

/** UPS Tracking API {@code GET /api/track/v1/details/{inquiryNumber}} bodies. */
public final class UpsResponseParser implements CarrierResponseParser {

    /** activity[].status.statusCode (3 digits, "011"): the primary code. */
    public static final CodeTable STATUS_CODES = CodeTable.load("/io/ordertracker/carriers/ups/status-codes.csv", 1);
    /** activity[].status.type (D, I, M, X ...): only when an activity has no statusCode. */
    public static final CodeTable ACTIVITY_TYPES = CodeTable.load("/io/ordertracker/carriers/ups/activity-types.csv", 1);
    /** activity[].status.code for manifest and update activities (DP, MP, VP, UP ...). */
    public static final CodeTable MANIFEST_CODES =
            CodeTable.load("/io/ordertracker/carriers/ups/manifest-and-update-codes.csv", 1);
    /** Every documented error code and HTTP status. */
    public static final io.ordertracker.carriers.ErrorCodes ERRORS =
            io.ordertracker.carriers.ErrorCodes.load("/io/ordertracker/carriers/ups/error-codes.csv");

    @Override
    public List<CarrierTrackingResult> parse(String body, int httpStatus) {
        JsonNode root = io.ordertracker.carriers.Json.read(body).orElse(null);
        if (root == null) {
            return List.of(ErrorBodies.unreadable("UPS", httpStatus));
        }
        JsonNode errors = io.ordertracker.carriers.Json.at(root, "response", "errors");
        if (errors != null || httpStatus >= 400) {
            return List.of(error(errors, httpStatus));
        }
        List<CarrierTrackingResult> results = new ArrayList<>();
        for (JsonNode shipment : elements(io.ordertracker.carriers.Json.at(root, "trackResponse", "shipment"))) {
            String inquiry = text(shipment, "inquiryNumber");
            JsonNode packages = shipment.get("package");
            if (packages == null || packages.isEmpty()) {
                // 200 with a warning is how UPS says "no such number" on this API
                results.add(warning(inquiry, shipment.get("warnings")));
                continue;
            }
            for (JsonNode pkg : elements(packages)) {
                results.add(tracked(pkg, inquiry));
            }
        }
        if (results.isEmpty()) {
            results.add(Failure.of(null, FailureKind.UNKNOWN, "UPS response without shipments"));
        }
        return results;
    }

    private static Failure warning(String inquiry, JsonNode warnings) {
        for (JsonNode w : elements(warnings)) {
            String message = text(w, "message");
            String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
            // a warning instead of a package is always about the number: it is unknown, or it is malformed
            FailureKind kind = ERRORS.kind(text(w, "code")).orElse(
                    lower.contains("not found") || lower.contains("no tracking information") ? FailureKind.NOT_FOUND
                            : FailureKind.INVALID);
            return Failure.of(inquiry, kind, text(w, "code") + ": " + message);
        }
        return Failure.of(inquiry, FailureKind.NOT_FOUND, "UPS returned no package for this number");
    }

    private static Failure error(JsonNode errors, int httpStatus) {
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

    private static CarrierTrackingResult tracked(JsonNode pkg, String inquiry) {
        String number = text(pkg, "trackingNumber") != null ? text(pkg, "trackingNumber") : inquiry;
        List<ScanEvent> scans = new ArrayList<>();
        ZoneOffset newestOffset = null;
        OffsetDateTime newest = null;
        for (JsonNode activity : elements(pkg.get("activity"))) {
            ScanEvent scan = scan(activity);
            scans.add(scan);
            if (scan.time() != null && (newest == null || scan.time().isAfter(newest))) {
                newest = scan.time();
                newestOffset = scan.time().getOffset();
            }
        }
        ScanEvent summary = pkg.has("currentStatus") ? scanOf(pkg.get("currentStatus"), null, null) : null;
        return TrackingAssembler.assemble(number, scans, summary, estimate(pkg, newestOffset), null,
                text(pkg, "deliveryInformation", "receivedBy")).withRoute(route(pkg));
    }

    /**
     * package.service.code (UPS's 3-digit service, "003" Ground) and packageAddress[] of type ORIGIN and
     * DESTINATION: country code plus stateProvince where given.
     */
    static Route route(JsonNode pkg) {
        String origin = null;
        String destination = null;
        for (JsonNode a : elements(pkg.get("packageAddress"))) {
            JsonNode address = a.get("address");
            String country = text(address, "countryCode") != null ? text(address, "countryCode") : text(address, "country");
            String region = Route.region(country, text(address, "stateProvince"));
            String type = text(a, "type");
            if ("ORIGIN".equalsIgnoreCase(type)) {
                origin = region;
            } else if ("DESTINATION".equalsIgnoreCase(type)) {
                destination = region;
            }
        }
        return new Route(text(pkg, "service", "code"), origin, destination);
    }

    private static ScanEvent scan(JsonNode activity) {
        ZoneOffset offset = EventTimes.offset(text(activity, "gmtOffset"));
        OffsetDateTime time;
        if (offset != null || text(activity, "gmtDate") == null) {
            time = EventTimes.compact(text(activity, "date"), text(activity, "time"), offset);
        } else {
            // no local offset given: the GMT fields are exact, so report in UTC rather than guess a zone
            time = EventTimes.compact(text(activity, "gmtDate"), text(activity, "gmtTime"), ZoneOffset.UTC);
        }
        JsonNode address = io.ordertracker.carriers.Json.at(activity, "location", "address");
        String location = TrackingAssembler.location(text(address, "city"), text(address, "stateProvince"),
                text(address, "countryCode") != null ? text(address, "countryCode") : text(address, "country"));
        return scanOf(activity.get("status"), time, location);
    }

    private static ScanEvent scanOf(JsonNode status, OffsetDateTime time, String location) {
        String statusCode = padded(text(status, "statusCode"));
        String type = text(status, "type");
        String code = text(status, "code");
        CodeTable.Mapping byType = type == null ? null : ACTIVITY_TYPES.lookup(type);
        CodeTable.Mapping mapping;
        String carrierCode;
        if (statusCode != null) {
            // an unmapped statusCode is UNKNOWN; we do not fall back to the broad type letter ("I") and guess
            mapping = STATUS_CODES.lookup(statusCode);
            carrierCode = statusCode;
        } else if (code != null && MANIFEST_CODES.find(code).isPresent()) {
            mapping = MANIFEST_CODES.lookup(code);
            carrierCode = code;
        } else {
            mapping = byType == null ? CodeTable.UNMAPPED : byType;
            carrierCode = type;
        }
        return new ScanEvent(time, carrierCode, text(status, "description"), location, mapping, byType);
    }

    private static String padded(String statusCode) {
        if (statusCode == null) {
            return null;
        }
        String t = statusCode.trim();
        return t.matches("\\d{1,2}") ? "0".repeat(3 - t.length()) + t : t;
    }

    /**
     * deliveryDate: RDD (rescheduled) wins over SDD (scheduled); DEL is the date it WAS delivered and never an
     * estimate. A delivery window (EDW/CDW/IDW) has local times only; UPS gives them in destination time, and the
     * newest scan's offset is the best offset we have for it.
     */
    private static EstimatedDelivery estimate(JsonNode pkg, ZoneOffset newestOffset) {
        LocalDate scheduled = null;
        LocalDate rescheduled = null;
        for (JsonNode d : elements(pkg.get("deliveryDate"))) {
            String type = text(d, "type");
            LocalDate date = EventTimes.compactDate(text(d, "date"));
            if ("RDD".equals(type)) {
                rescheduled = date;
            } else if ("SDD".equals(type)) {
                scheduled = date;
            }
        }
        LocalDate date = rescheduled != null ? rescheduled : scheduled;
        if (date == null) {
            return null;
        }
        EstimatedDelivery.Kind kind = rescheduled != null ? EstimatedDelivery.Kind.RESCHEDULED
                : EstimatedDelivery.Kind.SCHEDULED;
        JsonNode time = pkg.get("deliveryTime");
        String windowType = text(time, "type");
        if (windowType != null && List.of("EDW", "CDW", "IDW").contains(windowType)) {
            LocalTime start = EventTimes.compactTime(text(time, "startTime"));
            LocalTime end = EventTimes.compactTime(text(time, "endTime"));
            if (start != null && end != null) {
                ZoneOffset offset = newestOffset == null ? ZoneOffset.UTC : newestOffset;
                return new EstimatedDelivery(date, date.atTime(start).atOffset(offset),
                        date.atTime(end).atOffset(offset), EstimatedDelivery.Kind.WINDOW);
            }
        }
        return EstimatedDelivery.of(date, kind);
    }
}
