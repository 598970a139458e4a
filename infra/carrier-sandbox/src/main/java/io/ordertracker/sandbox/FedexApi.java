package io.ordertracker.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.domain.Carrier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** FedEx: {@code POST /oauth/token} and {@code POST /track/v1/trackingnumbers} (up to 30 numbers). */
final class FedexApi extends CarrierApi {

    FedexApi(Clock clock, TokenStore tokens, Map<String, Journey> journeys) {
        super(Carrier.FEDEX, clock, tokens, journeys);
    }

    @Override
    boolean isTokenPath(String path) {
        return path.equals("/oauth/token");
    }

    @Override
    Reply handle(Request request) {
        if (isTokenPath(request.path()) && request.method().equals("POST")) {
            return token(request);
        }
        if (request.path().equals("/track/v1/trackingnumbers") && request.method().equals("POST")) {
            return track(request);
        }
        return error(404, "NOT.FOUND.ERROR",
                "The resource you requested is no longer available. Please modify your request and try again.");
    }

    private Reply token(Request request) {
        Map<String, String> form = request.form();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "BAD.REQUEST.ERROR", "The given grant_type is not supported.");
        }
        if (!SandboxCredentials.FEDEX_CLIENT_ID.equals(form.get("client_id"))
                || !SandboxCredentials.FEDEX_CLIENT_SECRET.equals(form.get("client_secret"))) {
            return error(401, "NOT.AUTHORIZED.ERROR",
                    "The given client credentials were not valid. Please modify your request and try again.");
        }
        ObjectNode body = object();
        body.put("access_token", tokens.issue(carrier, tokenLifetime()));
        body.put("token_type", "bearer");
        body.put("expires_in", tokenLifetime().toSeconds() - 1);
        body.put("scope", "CXS-TP");
        return Reply.json(200, body);
    }

    private Reply track(Request request) {
        if (!tokens.valid(carrier, request.header("Authorization"))) {
            return error(401, "NOT.AUTHORIZED.ERROR", "Access token expired. Please modify your request and try again.");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (Exception e) {
            return error(400, "INVALID.INPUT.EXCEPTION", "Invalid field value in the input");
        }
        JsonNode infos = body == null ? null : body.get("trackingInfo");
        if (infos == null || !infos.isArray() || infos.isEmpty()) {
            return error(400, "TRACKING.TRACKINGNUMBER.EMPTY", "Please provide tracking number.");
        }
        if (infos.size() > 30) {
            return error(400, "TRACKING.TRACKINGNUMBER.LIMIT.EXCEEDED", "Maximum of 30 tracking numbers per request.");
        }
        ObjectNode root = object();
        root.put("transactionId", UUID.randomUUID().toString());
        ArrayNode complete = root.putObject("output").putArray("completeTrackResults");
        for (JsonNode info : infos) {
            String number = info.path("trackingNumberInfo").path("trackingNumber").asText("");
            ObjectNode entry = complete.addObject();
            entry.put("trackingNumber", number);
            ArrayNode results = entry.putArray("trackResults");
            var journey = visibleJourney(number);
            if (journey.isEmpty()) {
                results.add(notFound(number));
                continue;
            }
            // the live shipment first is not guaranteed by FedEx: list the older one first to make clients choose
            if (journey.get().olderShipment() != null) {
                results.add(result(journey.get().olderShipment(), Instant.MAX));
            }
            results.add(result(journey.get(), clock.instant()));
        }
        return Reply.json(200, root);
    }

    private ObjectNode notFound(String number) {
        ObjectNode r = object();
        ObjectNode info = r.putObject("trackingNumberInfo");
        info.put("trackingNumber", number);
        info.put("trackingNumberUniqueId", "");
        info.put("carrierCode", "");
        ObjectNode error = r.putObject("error");
        if (!Carrier.FEDEX.accepts(number)) {
            error.put("code", "TRACKING.TRACKINGNUMBER.INVALID");
            error.put("message", "Invalid tracking number.");
        } else {
            error.put("code", "TRACKING.TRACKINGNUMBER.NOTFOUND");
            error.put("message", "Tracking number cannot be found. Please correct the tracking number and try again.");
        }
        return r;
    }

    private ObjectNode result(Journey journey, Instant now) {
        List<Journey.TimedStep> steps = journey.visibleSteps(now);
        ObjectNode r = object();
        ObjectNode info = r.putObject("trackingNumberInfo");
        info.put("trackingNumber", journey.trackingNumber());
        info.put("carrierCode", "FDXE");
        info.put("trackingNumberUniqueId", journey.startDate().toEpochDay() + "~" + journey.trackingNumber() + "~FDEG");
        ObjectNode service = r.putObject("serviceDetail");
        service.put("type", "FEDEX_GROUND");
        service.put("description", "FedEx Ground");
        r.putObject("shipperInformation").set("address", location(journey.originCity()));
        r.putObject("recipientInformation").set("address", location(journey.destinationCity()));
        // FedEx's rollup lags the newest scan: report the previous scan's status as "latest"
        Journey.TimedStep lagging = steps.size() > 1 ? steps.get(1) : steps.getFirst();
        String[] lag = codes(lagging.step().milestone());
        ObjectNode latest = r.putObject("latestStatusDetail");
        latest.put("code", lag[0]);
        latest.put("derivedCode", lag[0]);
        latest.put("statusByLocale", lag[1]);
        latest.put("description", lag[1]);
        latest.set("scanLocation", location(lagging.step().city()));
        ArrayNode dates = r.putArray("dateAndTimes");
        boolean delivered = steps.getFirst().step().milestone() == Milestone.DELIVERED;
        if (delivered) {
            ObjectNode d = dates.addObject();
            d.put("type", "ACTUAL_DELIVERY");
            d.put("dateTime", steps.getFirst().time().toString());
            ObjectNode details = r.putObject("deliveryDetails");
            details.put("receivedByName", journey.signedBy());
            details.put("signedByName", journey.signedBy());
            details.put("deliveryAttempts", "0");
        } else if (journey.promisedDate() != null) {
            LocalDate estimate = journey.estimateAt(now);
            ObjectNode d = dates.addObject();
            d.put("type", "ESTIMATED_DELIVERY");
            // FedEx writes the date at local midnight with the destination's offset
            d.put("dateTime", estimate + "T00:00:00" + steps.getFirst().time().getOffset().getId().replace("Z", "+00:00"));
        }
        ObjectNode ship = dates.addObject();
        ship.put("type", "SHIP");
        ship.put("dateTime", steps.getLast().time().toLocalDate() + "T00:00:00" );
        ArrayNode scans = r.putArray("scanEvents");
        for (var timed : steps) {
            String[] c = codes(timed.step().milestone());
            ObjectNode e = scans.addObject();
            e.put("date", timed.time().toString());
            e.put("eventType", c[0]);
            e.put("eventDescription", c[1]);
            e.put("exceptionCode", c[2]);
            e.put("exceptionDescription", c[3]);
            String delayType = delayType(timed.step().milestone());
            if (delayType != null) {
                ObjectNode delay = e.putObject("delayDetail");
                delay.put("type", delayType);
                delay.put("status", "DELAYED");
            }
            e.set("scanLocation", location(timed.step().city()));
            e.put("locationType", "FEDEX_FACILITY");
            e.put("derivedStatusCode", c[0]);
            e.put("derivedStatus", c[1]);
        }
        return r;
    }

    private static ObjectNode location(City city) {
        ObjectNode loc = object();
        loc.putArray("streetLines").add("");
        loc.put("city", city.displayName().toUpperCase());
        if (city.state() != null) {
            loc.put("stateOrProvinceCode", city.state());
        }
        loc.put("postalCode", city.postalCode());
        loc.put("countryCode", city.country());
        loc.put("residential", false);
        return loc;
    }

    /** delayDetail.type (the FedEx Track API's enum) for a delay scan, else null. */
    private static String delayType(Milestone milestone) {
        return switch (milestone) {
            case DELAYED -> "OPERATIONAL";
            case WEATHER_DELAY -> "WEATHER";
            default -> null;
        };
    }

    /** eventType, eventDescription, exceptionCode, exceptionDescription. */
    private static String[] codes(Milestone milestone) {
        return switch (milestone) {
            case LABEL_CREATED -> new String[] {"OC", "Shipment information sent to FedEx", "", ""};
            case PICKED_UP -> new String[] {"PU", "Picked up", "", ""};
            case DEPARTED -> new String[] {"DP", "Departed FedEx location", "", ""};
            case ARRIVED -> new String[] {"AR", "Arrived at FedEx location", "", ""};
            case CUSTOMS_HELD -> new String[] {"CD", "Clearance delay", "A25", "Package available for clearance"};
            case CUSTOMS_CLEARED -> new String[] {"CC", "International shipment release - Import", "", ""};
            case DELAYED -> new String[] {"DY", "Delay", "", "Late flight"};
            case WEATHER_DELAY -> new String[] {"DY", "Delay", "", "Weather delay"};
            case OUT_FOR_DELIVERY -> new String[] {"OD", "On FedEx vehicle for delivery", "", ""};
            case ATTEMPT_FAILED -> new String[] {"DE", "Delivery exception", "08", "Customer not available or business closed"};
            case ATTEMPT_NO_ACCESS -> new String[] {"DE", "Delivery exception", "", "Unable to access delivery location"};
            case ADDRESS_PROBLEM -> new String[] {"DE", "Delivery exception", "03", "Incorrect address"};
            case DAMAGED -> new String[] {"SE", "Shipment exception", "", "Package damaged"};
            case REFUSED -> new String[] {"DE", "Delivery exception", "07", "Refused by recipient"};
            case AVAILABLE_FOR_PICKUP -> new String[] {"HP", "Ready for recipient pickup", "", ""};
            case HELD_FOR_PICKUP -> new String[] {"HL", "Hold at location", "", ""};
            case RETURNING -> new String[] {"RS", "Return to shipper", "", ""};
            case RETURNED -> new String[] {"RS", "Returned to shipper", "", ""};
            case DELIVERED -> new String[] {"DL", "Delivered", "", ""};
        };
    }

    private static Reply error(int status, String code, String message) {
        ObjectNode root = object();
        root.put("transactionId", UUID.randomUUID().toString());
        ObjectNode e = root.putArray("errors").addObject();
        e.put("code", code);
        e.put("message", message);
        return Reply.json(status, root);
    }

    @Override
    Reply serverError() {
        return error(500, "INTERNAL.SERVER.ERROR",
                "We encountered an unexpected error and are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.");
    }

    @Override
    Reply rateLimited() {
        return error(429, "TOO.MANY.REQUESTS.ERROR", "We have received too many requests in a short duration. Please wait a while to try again.");
    }
}
