package io.ordertracker.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.domain.Carrier;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * USPS: {@code POST /oauth2/v3/token} (client credentials, scope tracking) and
 * {@code GET /tracking/v3/tracking/{n}?expand=DETAIL}.
 */
final class UspsApi extends CarrierApi {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    UspsApi(Clock clock, TokenStore tokens, Map<String, Journey> journeys) {
        super(Carrier.USPS, clock, tokens, journeys);
    }

    @Override
    boolean isTokenPath(String path) {
        return path.equals("/oauth2/v3/token");
    }

    @Override
    Reply handle(Request request) {
        if (isTokenPath(request.path()) && request.method().equals("POST")) {
            return token(request);
        }
        String prefix = "/tracking/v3/tracking/";
        if (request.path().startsWith(prefix) && request.method().equals("GET")) {
            return track(request, request.path().substring(prefix.length()));
        }
        return error(404, "Not Found", "The requested resource was not found.");
    }

    private Reply token(Request request) {
        Map<String, String> params = new HashMap<>(request.form());
        String contentType = request.header("Content-Type");
        if (contentType != null && contentType.contains("json")) {
            try {
                JsonNode json = JSON.readTree(request.body());
                json.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            } catch (Exception e) {
                return oauthError(400, "invalid_request", "Malformed request body");
            }
        }
        if (!"client_credentials".equals(params.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "Grant type is not supported");
        }
        if (!SandboxCredentials.USPS_CLIENT_ID.equals(params.get("client_id"))
                || !SandboxCredentials.USPS_CLIENT_SECRET.equals(params.get("client_secret"))) {
            return oauthError(401, "invalid_client", "Client authentication failed");
        }
        String scope = params.getOrDefault("scope", "");
        if (!scope.contains("tracking")) {
            return oauthError(400, "invalid_scope", "The requested scope is invalid");
        }
        ObjectNode body = object();
        body.put("access_token", tokens.issue(carrier, tokenLifetime()));
        body.put("token_type", "Bearer");
        body.put("issued_at", clock.millis());
        body.put("expires_in", tokenLifetime().toSeconds() - 1);
        body.put("status", "approved");
        body.put("scope", scope);
        body.put("issuer", "api.usps.com");
        body.put("client_id", params.get("client_id"));
        return Reply.json(200, body);
    }

    private Reply track(Request request, String number) {
        if (!tokens.valid(carrier, request.header("Authorization"))) {
            return error(401, "Unauthorized", "Access token is invalid or has expired.")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"https://api.usps.com\"");
        }
        if (!Carrier.USPS.accepts(number)) {
            return error(400, "Bad Request", "The tracking number " + number + " is not a valid tracking number.");
        }
        var journey = visibleJourney(number);
        if (journey.isEmpty()) {
            return error(404, "Not Found", "The tracking number " + number + " was not found.");
        }
        Instant now = clock.instant();
        Journey j = journey.get();
        var steps = j.visibleSteps(now);
        ObjectNode root = object();
        root.put("trackingNumber", number);
        root.put("mailClass", "Priority Mail");
        root.put("mailType", "DOMESTIC_MAIL");
        City from = j.originCity();
        City to = j.destinationCity();
        root.put("originCity", from.displayName().toUpperCase());
        root.put("originState", from.state());
        root.put("originZIP", from.postalCode());
        root.put("originCountry", from.country());
        root.put("destinationCity", to.displayName().toUpperCase());
        root.put("destinationState", to.state());
        root.put("destinationZIP", to.postalCode());
        root.put("destinationCountryCode", to.country());
        String[] latest = codes(steps.getFirst().step().milestone());
        root.put("statusCategory", latest[2]);
        root.put("status", latest[1]);
        root.put("statusSummary", "Your item: " + latest[1] + " in " + steps.getFirst().step().city().displayName());
        if (j.promisedDate() != null && steps.getFirst().step().milestone() != Milestone.DELIVERED) {
            root.put("expectedDeliveryDate", j.estimateAt(now).toString());
        }
        ArrayNode events = root.putArray("trackingEvents");
        for (var timed : steps) {
            String[] c = codes(timed.step().milestone());
            City city = timed.step().city();
            ObjectNode e = events.addObject();
            e.put("eventType", c[1]);
            // local wall time with its offset in a separate field, as USPS sends it ("-7:00")
            e.put("eventTimestamp", timed.time().format(LOCAL));
            e.put("GMTTimestamp", timed.time().withOffsetSameInstant(ZoneOffset.UTC).format(GMT));
            int seconds = timed.time().getOffset().getTotalSeconds();
            e.put("GMTOffset", String.format("%s%d:%02d", seconds < 0 ? "-" : "+", Math.abs(seconds) / 3600,
                    Math.abs(seconds) % 3600 / 60));
            e.put("eventCountry", city.country());
            e.put("eventCity", city.displayName().toUpperCase());
            e.put("eventState", city.state());
            e.put("eventZIP", city.postalCode());
            e.putNull("firm");
            if (timed.step().milestone() == Milestone.DELIVERED && j.signedBy() != null) {
                e.put("name", j.signedBy());
            } else {
                e.putNull("name");
            }
            e.put("authorizedAgent", false);
            e.put("eventCode", c[0]);
        }
        return Reply.json(200, root);
    }

    /** eventCode, eventType, statusCategory. */
    private static String[] codes(Milestone milestone) {
        return switch (milestone) {
            case LABEL_CREATED -> new String[] {"MA", "Shipping Label Created, USPS Awaiting Item", "Pre-Shipment"};
            case PICKED_UP -> new String[] {"03", "USPS picked up item", "Accepted"};
            case DEPARTED -> new String[] {"EF", "Departed USPS Regional Facility", "In Transit"};
            case ARRIVED -> new String[] {"10", "Arrived at USPS Regional Facility", "In Transit"};
            case CUSTOMS_HELD -> new String[] {"CH", "Held in Customs", "Alert"}; // not in our code list: UNKNOWN
            case CUSTOMS_CLEARED -> new String[] {"10", "Processed Through Facility", "In Transit"};
            case DELAYED -> new String[] {"71", "Rescheduled to Next Delivery Day", "Alert"};
            case WEATHER_DELAY -> new String[] {"71", "Rescheduled to Next Delivery Day - Weather Delay", "Alert"};
            case OUT_FOR_DELIVERY -> new String[] {"OF", "Out for Delivery", "Out for Delivery"};
            case ATTEMPT_FAILED -> new String[] {"02", "Notice Left (No Authorized Recipient Available)", "Delivery Attempt"};
            case ATTEMPT_NO_ACCESS -> new String[] {"30", "Delivery Attempted - No Access to Delivery Location", "Delivery Attempt"};
            case ADDRESS_PROBLEM -> new String[] {"05", "Undeliverable as Addressed", "Alert"};
            // Pub 199 G-4 as we have it lists no damage event; DX keeps the status in force (see docs/carriers.md)
            case DAMAGED -> new String[] {"DX", "Delivery Status Not Updated - Damaged", "Alert"};
            case REFUSED -> new String[] {"04", "Refused", "Alert"};
            case AVAILABLE_FOR_PICKUP -> new String[] {"16", "Available for Pickup", "Available for Pickup"};
            case HELD_FOR_PICKUP -> new String[] {"16", "Available for Pickup - Held at Post Office after Delivery Attempt", "Available for Pickup"};
            case RETURNING -> new String[] {"09", "Return to Sender", "Return to Sender"};
            case RETURNED -> new String[] {"09", "Return to Sender Processed", "Return to Sender"};
            case DELIVERED -> new String[] {"01", "Delivered, In/At Mailbox", "Delivered"};
        };
    }

    private static Reply error(int status, String message, String detail) {
        ObjectNode root = object();
        root.put("apiVersion", "3.2.6");
        ObjectNode error = root.putObject("error");
        error.put("code", String.valueOf(status));
        error.put("message", message);
        ObjectNode e = error.putArray("errors").addObject();
        e.put("status", String.valueOf(status));
        e.put("code", String.valueOf(status));
        e.put("title", message);
        e.put("detail", detail);
        return Reply.json(status, root);
    }

    private static Reply oauthError(int status, String error, String description) {
        ObjectNode root = object();
        root.put("error", error);
        root.put("error_description", description);
        return Reply.json(status, root);
    }

    @Override
    Reply serverError() {
        return error(500, "Internal Server Error", "An internal error occurred.");
    }

    @Override
    Reply rateLimited() {
        return error(429, "Too Many Requests", "Too many requests. Try again after the Retry-After interval.");
    }
}
