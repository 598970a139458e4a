package io.ordertracker.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.domain.Carrier;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** DHL Shipment Tracking - Unified: {@code GET /track/shipments?trackingNumber=} with a {@code DHL-API-Key}. */
final class DhlApi extends CarrierApi {

    DhlApi(Clock clock, TokenStore tokens, Map<String, Journey> journeys) {
        super(Carrier.DHL, clock, tokens, journeys);
    }

    @Override
    boolean isTokenPath(String path) {
        return false; // API key only, no token endpoint
    }

    @Override
    Reply handle(Request request) {
        if (!request.path().equals("/track/shipments") || !request.method().equals("GET")) {
            return problem(404, "Not Found", "The requested resource could not be found.");
        }
        if (!SandboxCredentials.DHL_API_KEY.equals(request.header("DHL-API-Key"))) {
            return problem(401, "Unauthorized", "Unauthorized for given resource.");
        }
        String number = request.queryParams().get("trackingNumber");
        if (number == null || number.isBlank()) {
            return problem(400, "Bad request", "Required parameter trackingNumber is missing.");
        }
        if (!Carrier.DHL.accepts(number)) {
            return problem(400, "Bad request", "Invalid value for parameter trackingNumber.");
        }
        var journey = visibleJourney(number);
        if (journey.isEmpty()) {
            return problem(404, "No result found", "No shipment with given tracking number found.");
        }
        Journey j = journey.get();
        Instant now = clock.instant();
        var steps = j.visibleSteps(now);
        ObjectNode root = object();
        ObjectNode shipment = root.putArray("shipments").addObject();
        shipment.put("id", number);
        shipment.put("service", "express");
        shipment.set("origin", place(steps.getLast().step().city()));
        shipment.set("destination", place(j.destinationCity()));
        shipment.set("status", event(steps.getFirst()));
        boolean delivered = steps.getFirst().step().milestone() == Milestone.DELIVERED;
        if (!delivered && j.promisedDate() != null) {
            var zone = steps.getFirst().step().city().zone();
            shipment.put("estimatedTimeOfDelivery",
                    j.estimateAt(now).atTime(18, 0).atZone(zone).toOffsetDateTime().toString());
            shipment.put("estimatedTimeOfDeliveryRemark", "By End of Day");
        }
        ObjectNode details = shipment.putObject("details");
        if (delivered) {
            ObjectNode pod = details.putObject("proofOfDelivery");
            pod.put("timestamp", steps.getFirst().time().toString());
            pod.put("signatureUrl", "https://proview.dhl.com/signature/" + number);
            ObjectNode signed = pod.putObject("signed");
            signed.put("@type", "Person");
            signed.put("name", j.signedBy());
            details.put("proofOfDeliverySignedAvailable", true);
        }
        ArrayNode events = shipment.putArray("events");
        for (var timed : steps) {
            events.add(event(timed));
        }
        root.putArray("possibleAdditionalShipmentsUrl");
        return Reply.json(200, root);
    }

    private ObjectNode event(Journey.TimedStep timed) {
        String[] c = codes(timed.step().milestone());
        ObjectNode e = object();
        e.put("timestamp", timed.time().toString());
        e.set("location", place(timed.step().city()));
        e.put("statusCode", c[0]);
        e.put("status", c[2]);
        if (!c[1].isEmpty()) {
            e.put("statusDetailed", c[1]);
        }
        e.put("description", c[2]);
        return e;
    }

    private static ObjectNode place(City city) {
        ObjectNode p = object();
        ObjectNode address = p.putObject("address");
        address.put("countryCode", city.country());
        address.put("postalCode", city.postalCode());
        address.put("addressLocality", city.displayName().toUpperCase() + " - " + city.country());
        return p;
    }

    /** unified statusCode, express event code, description. */
    private static String[] codes(Milestone milestone) {
        return switch (milestone) {
            case LABEL_CREATED -> new String[] {"pre-transit", "", "Shipment information received"};
            case PICKED_UP -> new String[] {"transit", "PU", "Shipment picked up"};
            case DEPARTED -> new String[] {"transit", "DF", "Departed Facility"};
            case ARRIVED -> new String[] {"transit", "AF", "Arrived at DHL Sort Facility"};
            case CUSTOMS_HELD -> new String[] {"transit", "CD", "Clearance event: shipment on hold"};
            case CUSTOMS_CLEARED -> new String[] {"transit", "CR", "Customs status updated"};
            case DELAYED -> new String[] {"transit", "MD", "Scheduled for delivery next business day"};
            case WEATHER_DELAY -> new String[] {"transit", "MD", "Delivery delayed due to adverse weather conditions"};
            case OUT_FOR_DELIVERY -> new String[] {"transit", "WC", "Shipment is out with courier for delivery"};
            case ATTEMPT_FAILED -> new String[] {"failure", "NH", "Delivery attempted; recipient not home"};
            case ATTEMPT_NO_ACCESS -> new String[] {"failure", "ND", "Delivery attempted; no access to the delivery address"};
            case ADDRESS_PROBLEM -> new String[] {"failure", "BA", "Incorrect address; contacting the receiver"};
            // DHL Express lists no damage event code: the Unified "failure" with DHL's words
            case DAMAGED -> new String[] {"failure", "", "Shipment damaged; the shipper has been notified"};
            case REFUSED -> new String[] {"failure", "RD", "Delivery refused by the recipient"};
            case AVAILABLE_FOR_PICKUP -> new String[] {"transit", "CC", "Awaiting collection by recipient as requested"};
            case HELD_FOR_PICKUP -> new String[] {"transit", "CC", "Awaiting collection by recipient after delivery attempts"};
            case RETURNING -> new String[] {"transit", "", "Shipment is being returned to shipper"};
            case RETURNED -> new String[] {"delivered", "RT", "Returned to shipper"};
            case DELIVERED -> new String[] {"delivered", "OK", "Delivered"};
        };
    }

    private static Reply problem(int status, String title, String detail) {
        ObjectNode root = object();
        root.put("type", "about:blank");
        root.put("title", title);
        root.put("status", status);
        root.put("detail", detail);
        return new Reply(status, root.toString(), "application/problem+json", Map.of());
    }

    @Override
    Reply serverError() {
        return problem(500, "Internal Server Error", "An unexpected error occurred.");
    }

    @Override
    Reply rateLimited() {
        return problem(429, "Too many requests", "Too many requests. Please slow down.");
    }
}
