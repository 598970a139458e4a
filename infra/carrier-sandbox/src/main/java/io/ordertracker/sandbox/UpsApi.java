package io.ordertracker.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.domain.Carrier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** UPS: {@code POST /security/v1/oauth/token} (client_secret_basic) and {@code GET /api/track/v1/details/{n}}. */
final class UpsApi extends CarrierApi {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    UpsApi(Clock clock, TokenStore tokens, Map<String, Journey> journeys) {
        super(Carrier.UPS, clock, tokens, journeys);
    }

    @Override
    boolean isTokenPath(String path) {
        return path.equals("/security/v1/oauth/token");
    }

    @Override
    Reply handle(Request request) {
        if (isTokenPath(request.path()) && request.method().equals("POST")) {
            return token(request);
        }
        if (request.path().startsWith("/api/track/v1/details/") && request.method().equals("GET")) {
            return track(request, request.path().substring("/api/track/v1/details/".length()));
        }
        return error(404, "404", "Resource not found");
    }

    private Reply token(Request request) {
        String[] basic = basicAuth(request.header("Authorization"));
        if (basic == null || !basic[0].equals(SandboxCredentials.UPS_CLIENT_ID)) {
            return error(401, "10401", "ClientId is Invalid");
        }
        if (!basic[1].equals(SandboxCredentials.UPS_CLIENT_SECRET)) {
            return error(401, "10401", "ClientSecret is Invalid");
        }
        if (!"client_credentials".equals(request.form().get("grant_type"))) {
            return error(400, "10400", "Invalid/Missing grant_type");
        }
        ObjectNode body = object();
        body.put("token_type", "Bearer");
        body.put("issued_at", String.valueOf(clock.millis()));
        body.put("client_id", basic[0]);
        body.put("access_token", tokens.issue(carrier, tokenLifetime()));
        body.put("expires_in", String.valueOf(tokenLifetime().toSeconds() - 1)); // UPS sends it as a string
        body.put("status", "approved");
        return Reply.json(200, body);
    }

    private Reply track(Request request, String number) {
        if (!tokens.valid(carrier, request.header("Authorization"))) {
            return error(401, "250002", "Invalid Authentication Information.");
        }
        if (request.header("transId") == null || request.header("transactionSrc") == null) {
            return error(400, "TV0001", "Missing transId or transactionSrc header");
        }
        if (!Carrier.UPS.accepts(number)) {
            return error(400, "151018", "Invalid tracking number");
        }
        ObjectNode shipment = object();
        shipment.put("inquiryNumber", number);
        ArrayNode packages = shipment.putArray("package");
        var journey = visibleJourney(number);
        if (journey.isEmpty()) {
            // the UPS Track API answers an unknown number with 200 and a warning
            shipment.putArray("userRelation");
            ObjectNode warning = shipment.putArray("warnings").addObject();
            warning.put("code", "TW0001");
            warning.put("message", "Tracking Information Not Found");
        } else {
            packages.add(pkg(journey.get()));
        }
        ObjectNode root = object();
        root.putObject("trackResponse").putArray("shipment").add(shipment);
        return Reply.json(200, root);
    }

    private static void address(ObjectNode entry, String type, City city) {
        entry.put("type", type);
        ObjectNode address = entry.putObject("address");
        address.put("city", city.displayName().toUpperCase());
        if (city.state() != null) {
            address.put("stateProvince", city.state());
        }
        address.put("postalCode", city.postalCode());
        address.put("countryCode", city.country());
        address.put("country", city.country());
    }

    private ObjectNode pkg(Journey journey) {
        Instant now = clock.instant();
        var steps = journey.visibleSteps(now);
        ObjectNode pkg = object();
        pkg.put("trackingNumber", journey.trackingNumber());
        ObjectNode service = pkg.putObject("service");
        service.put("code", "003");
        service.put("description", "UPS Ground");
        ArrayNode addresses = pkg.putArray("packageAddress");
        address(addresses.addObject(), "ORIGIN", journey.originCity());
        address(addresses.addObject(), "DESTINATION", journey.destinationCity());
        ArrayNode dates = pkg.putArray("deliveryDate");
        boolean delivered = steps.getFirst().step().milestone() == Milestone.DELIVERED;
        if (delivered) {
            // DEL is the date it WAS delivered; karrio reads it as an estimate, we must not
            ObjectNode del = dates.addObject();
            del.put("type", "DEL");
            del.put("date", steps.getFirst().time().toLocalDate().format(DATE));
            ObjectNode time = pkg.putObject("deliveryTime");
            time.put("type", "DEL");
            time.put("endTime", steps.getFirst().time().format(TIME));
            ObjectNode info = pkg.putObject("deliveryInformation");
            info.put("location", "Front Door");
            info.put("receivedBy", journey.signedBy() == null ? "" : journey.signedBy());
        } else if (journey.promisedDate() != null) {
            LocalDate estimate = journey.estimateAt(now);
            ObjectNode d = dates.addObject();
            d.put("type", estimate.equals(journey.promisedDate()) ? "SDD" : "RDD");
            d.put("date", estimate.format(DATE));
            if (steps.getFirst().step().milestone() == Milestone.OUT_FOR_DELIVERY) {
                ObjectNode window = pkg.putObject("deliveryTime");
                window.put("type", "EDW");
                window.put("startTime", "130000");
                window.put("endTime", "170000");
            }
        }
        ArrayNode activity = pkg.putArray("activity");
        for (var timed : steps) {
            activity.add(activity(timed));
        }
        pkg.set("currentStatus", activity.get(0).get("status").deepCopy());
        pkg.put("packageCount", 1);
        return pkg;
    }

    private ObjectNode activity(Journey.TimedStep timed) {
        OffsetDateTime t = timed.time();
        City city = timed.step().city();
        ObjectNode a = object();
        ObjectNode address = a.putObject("location").putObject("address");
        address.put("city", city.displayName());
        if (city.state() != null) {
            address.put("stateProvince", city.state());
        }
        address.put("countryCode", city.country());
        address.put("country", city.country());
        address.put("postalCode", city.postalCode());
        ObjectNode status = a.putObject("status");
        String[] code = codes(timed.step().milestone());
        status.put("type", code[0]);
        status.put("description", code[3]);
        status.put("code", code[1]);
        status.put("statusCode", code[2]);
        a.put("date", t.toLocalDate().format(DATE));
        a.put("time", t.format(TIME));
        OffsetDateTime gmt = t.withOffsetSameInstant(ZoneOffset.UTC);
        a.put("gmtDate", gmt.toLocalDate().format(DATE));
        a.put("gmtOffset", t.getOffset().getId().equals("Z") ? "+00:00" : t.getOffset().getId());
        a.put("gmtTime", gmt.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        return a;
    }

    /** type, activity code, statusCode, description. */
    private static String[] codes(Milestone milestone) {
        return switch (milestone) {
            case LABEL_CREATED -> new String[] {"M", "MP", "003", "Shipper created a label, UPS has not received the package yet."};
            case PICKED_UP -> new String[] {"I", "OR", "038", "Pickup Scan"};
            case DEPARTED -> new String[] {"I", "DP", "005", "Departed from Facility"};
            case ARRIVED -> new String[] {"I", "AR", "005", "Arrived at Facility"};
            case CUSTOMS_HELD -> new String[] {"X", "CF", "126", "Your package is pending release from a government agency."};
            case CUSTOMS_CLEARED -> new String[] {"I", "CR", "134", "Cleared Import Customs"};
            case DELAYED -> new String[] {"X", "DY", "046", "A late flight has caused a delay. We will update the delivery date as soon as possible."};
            case WEATHER_DELAY -> new String[] {"X", "WD", "052", "Delay: Severe Weather. Severe weather conditions have delayed delivery."};
            case OUT_FOR_DELIVERY -> new String[] {"I", "OT", "021", "Out For Delivery Today"};
            case ATTEMPT_FAILED -> new String[] {"X", "48", "022", "The receiver was not available for delivery. We'll make a second attempt the next business day."};
            case ATTEMPT_NO_ACCESS -> new String[] {"X", "SA", "139", "Security Access Required. We could not access the delivery location."};
            case ADDRESS_PROBLEM -> new String[] {"X", "UA", "050", "The address is incomplete. We're attempting to obtain a complete address."};
            case DAMAGED -> new String[] {"X", "DM", "059", "Damage Reported. The package was damaged in transit."};
            case REFUSED -> new String[] {"X", "RF", "064", "Delivery Refused. The receiver refused the delivery."};
            case HELD_FOR_PICKUP -> new String[] {"X", "HP", "017", "Held for Customer Pickup. The package is at a UPS facility after delivery attempts."};
            case AVAILABLE_FOR_PICKUP -> new String[] {"X", "ZP", "040", "Ready for Customer Pickup"};
            case RETURNING -> new String[] {"X", "RS", "035", "Returning to Sender"};
            case RETURNED -> new String[] {"D", "RD", "034", "Returned to Sender"};
            case DELIVERED -> new String[] {"D", "KB", "011", "DELIVERED"};
        };
    }

    private static Reply error(int status, String code, String message) {
        ObjectNode root = object();
        ObjectNode e = root.putObject("response").putArray("errors").addObject();
        e.put("code", code);
        e.put("message", message);
        return Reply.json(status, root);
    }

    @Override
    Reply serverError() {
        return error(500, "10500", "Internal Server Error");
    }

    @Override
    Reply rateLimited() {
        return error(429, "10429", "Too Many Requests");
    }
}
