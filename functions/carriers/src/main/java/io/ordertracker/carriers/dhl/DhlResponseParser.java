package io.ordertracker.carriers.dhl;

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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.ordertracker.carriers.Json.at;
import static io.ordertracker.carriers.Json.elements;
import static io.ordertracker.carriers.Json.text;

/**
 * DHL Shipment Tracking - Unified {@code GET /track/shipments?trackingNumber=} bodies. Every event carries DHL's
 * own coarse statusCode (pre-transit, transit, delivered, failure, unknown); where the event also carries the
 * product's detailed code (in {@code statusDetailed}, or {@code status} when that is a code of the product's list),
 * the product table refines it (out for delivery, attempted, held for pickup, returned ...).
 */
public final class DhlResponseParser implements CarrierResponseParser {

    /** (service, code) rows from DHL's status code list, for every product. */
    public static final CodeTable PRODUCT_CODES = CodeTable.load("/io/ordertracker/carriers/dhl/status-codes.csv", 2);
    /** Every documented error answer (RFC 7807 problems, by HTTP status). */
    public static final io.ordertracker.carriers.ErrorCodes ERRORS =
            io.ordertracker.carriers.ErrorCodes.load("/io/ordertracker/carriers/dhl/error-codes.csv");

    /** DHL's own normalization, present on every shipment and event. */
    public static final Map<String, CodeTable.Mapping> UNIFIED_STATUS_CODES = Map.of(
            "PRE-TRANSIT", new CodeTable.Mapping(ShipmentStatus.INFO_RECEIVED, ExceptionReason.NONE, "pre-transit"),
            "TRANSIT", new CodeTable.Mapping(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, "transit"),
            "DELIVERED", new CodeTable.Mapping(ShipmentStatus.DELIVERED, ExceptionReason.NONE, "delivered"),
            "FAILURE", new CodeTable.Mapping(ShipmentStatus.EXCEPTION, ExceptionReason.OTHER, "failure"),
            "UNKNOWN", new CodeTable.Mapping(ShipmentStatus.UNKNOWN, ExceptionReason.NONE, "unknown"));

    @Override
    public List<CarrierTrackingResult> parse(String body, int httpStatus) {
        JsonNode root = Json.read(body).orElse(null);
        if (root == null) {
            return List.of(ErrorBodies.unreadable("DHL", httpStatus));
        }
        JsonNode shipments = root.get("shipments");
        if (shipments == null || httpStatus >= 400) {
            return List.of(problem(root, httpStatus));
        }
        // DHL may answer one number with shipments from several products: the one with the newest event wins
        JsonNode best = null;
        Instant bestTime = null;
        for (JsonNode shipment : elements(shipments)) {
            Instant latest = latestEvent(shipment);
            if (best == null || (latest != null && (bestTime == null || latest.isAfter(bestTime)))) {
                best = shipment;
                bestTime = latest;
            }
        }
        if (best == null) {
            return List.of(Failure.of(null, FailureKind.NOT_FOUND, "DHL returned no shipment"));
        }
        return List.of(tracked(best));
    }

    private static Instant latestEvent(JsonNode shipment) {
        Instant latest = null;
        for (JsonNode e : elements(shipment.get("events"))) {
            OffsetDateTime t = EventTimes.isoDateTime(text(e, "timestamp"), null);
            if (t != null && (latest == null || t.toInstant().isAfter(latest))) {
                latest = t.toInstant();
            }
        }
        return latest;
    }

    private static CarrierTrackingResult tracked(JsonNode shipment) {
        String service = text(shipment, "service");
        List<ScanEvent> scans = new ArrayList<>();
        for (JsonNode event : elements(shipment.get("events"))) {
            scans.add(scan(service, event));
        }
        ScanEvent summary = shipment.has("status") ? scan(service, shipment.get("status")) : null;
        JsonNode pod = at(shipment, "details", "proofOfDelivery");
        String signedBy = text(pod, "signed", "name");
        if (signedBy == null) {
            signedBy = TrackingAssembler.location(text(pod, "signed", "givenName"), text(pod, "signed", "familyName"));
            signedBy = signedBy == null ? null : signedBy.replace(", ", " ");
        }
        return TrackingAssembler.assemble(text(shipment, "id"), scans, summary, estimate(shipment),
                EventTimes.isoDateTime(text(pod, "timestamp"), null), signedBy)
                .withRoute(new Route(service, region(shipment.get("origin")), region(shipment.get("destination"))));
    }

    /** origin / destination .address.countryCode: DHL Unified gives the country, no subdivision. */
    private static String region(JsonNode place) {
        return Route.region(text(at(place, "address"), "countryCode"), null);
    }

    private static ScanEvent scan(String service, JsonNode event) {
        String unified = text(event, "statusCode");
        CodeTable.Mapping coarse = unified == null ? CodeTable.UNMAPPED
                : UNIFIED_STATUS_CODES.getOrDefault(unified.toUpperCase(Locale.ROOT), CodeTable.UNMAPPED);
        String productCode = productCode(service, event);
        CodeTable.Mapping mapping = coarse;
        String code = unified;
        if (productCode != null) {
            code = productCode;
            CodeTable.Mapping refined = PRODUCT_CODES.lookup(service, productCode);
            // a delay row has no status of its own but its reason counts: the assembler keeps the status in force
            // (the coarse statusCode when nothing came before) and sets the delay reason
            if (refined.delay() || (!refined.informational() && refined.status() != ShipmentStatus.UNKNOWN)) {
                mapping = refined;
            }
        }
        // description is DHL's sentence for the event; status is a shorter label, used only when there is no sentence
        String description = text(event, "description") != null ? text(event, "description") : text(event, "status");
        JsonNode address = at(event, "location", "address");
        return new ScanEvent(EventTimes.isoDateTime(text(event, "timestamp"), null), code, description,
                TrackingAssembler.location(text(address, "addressLocality"), text(address, "countryCode")),
                mapping, coarse);
    }

    private static String productCode(String service, JsonNode event) {
        String detailed = text(event, "statusDetailed");
        if (detailed != null) {
            return detailed;
        }
        String status = text(event, "status");
        return service != null && status != null && PRODUCT_CODES.find(service, status).isPresent() ? status : null;
    }

    private static EstimatedDelivery estimate(JsonNode shipment) {
        JsonNode frame = shipment.get("estimatedDeliveryTimeFrame");
        String from = text(frame, "estimatedFrom");
        String through = text(frame, "estimatedThrough");
        if (from != null && through != null) {
            return new EstimatedDelivery(EventTimes.leadingDate(from), EventTimes.isoDateTime(from, null),
                    EventTimes.isoDateTime(through, null), EstimatedDelivery.Kind.WINDOW);
        }
        String eta = text(shipment, "estimatedTimeOfDelivery");
        return eta == null ? null : EstimatedDelivery.of(EventTimes.leadingDate(eta), EstimatedDelivery.Kind.ESTIMATED);
    }

    /** DHL errors are RFC 7807 problem documents: {"status":404,"title":...,"detail":...}. */
    private static Failure problem(JsonNode root, int httpStatus) {
        int status = root.has("status") && root.get("status").canConvertToInt() ? root.get("status").asInt() : httpStatus;
        if (status < 400) {
            status = httpStatus;
        }
        String message = text(root, "title") + (text(root, "detail") == null ? "" : ": " + text(root, "detail"));
        return Failure.of(null, ERRORS.classify(null, status), message);
    }
}
