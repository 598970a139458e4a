package io.ordertracker.functions.carrierpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.TrackingClients;
import io.ordertracker.domain.Carrier;
import io.ordertracker.json.Json;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Carrier push bodies, turned into the carriers' own Track API response shape and read by the carriers module's
 * parsers, so code mapping stays in one place (io.ordertracker.carriers).
 * <ul>
 *   <li>UPS Track Alert: one activity per call ({@code trackingNumber}, {@code localActivityDate/Time},
 *       {@code gmtActivityDate/Time}, {@code activityLocation}, {@code activityStatus}, {@code scheduledDeliveryDate},
 *       {@code actualDeliveryDate}).</li>
 *   <li>FedEx webhooks: a Track API {@code output.completeTrackResults} document, or a single
 *       {@code trackResult} object with its {@code trackingNumberInfo}.</li>
 * </ul>
 */
final class PushPayloads {
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private PushPayloads() {
    }

    /** The pushed states; an unreadable body is an IllegalArgumentException (answered 400). */
    static List<CarrierTrackingResult.Tracked> parse(Carrier carrier, String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("push body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("push body is not a JSON object");
        }
        String trackApiBody = switch (carrier) {
            case UPS -> upsTrackResponse(root);
            case FEDEX -> fedexTrackResponse(root);
            default -> throw new IllegalArgumentException(carrier.displayName() + " does not push to us");
        };
        List<CarrierTrackingResult.Tracked> out = TrackingClients.parser(carrier).parse(trackApiBody, 200).stream()
                .filter(r -> r instanceof CarrierTrackingResult.Tracked)
                .map(r -> (CarrierTrackingResult.Tracked) r).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("push body names no tracked package");
        }
        return out;
    }

    private static String upsTrackResponse(JsonNode alert) {
        String number = required(alert, "trackingNumber");
        ObjectNode activity = Json.MAPPER.createObjectNode();
        String localDate = alert.path("localActivityDate").asText(null);
        String localTime = alert.path("localActivityTime").asText(null);
        String gmtDate = alert.path("gmtActivityDate").asText(null);
        String gmtTime = alert.path("gmtActivityTime").asText(null);
        activity.put("date", localDate);
        activity.put("time", localTime);
        activity.put("gmtDate", gmtDate);
        activity.put("gmtTime", gmtTime);
        String offset = offset(localDate, localTime, gmtDate, gmtTime);
        if (offset != null) {
            activity.put("gmtOffset", offset);
        }
        JsonNode loc = alert.path("activityLocation");
        ObjectNode address = activity.putObject("location").putObject("address");
        address.put("city", loc.path("city").asText(null));
        address.put("stateProvince", loc.path("stateProvince").asText(null));
        address.put("countryCode", loc.path("country").asText(loc.path("countryCode").asText(null)));
        activity.set("status", alert.path("activityStatus").deepCopy());

        ObjectNode pkg = Json.MAPPER.createObjectNode();
        pkg.put("trackingNumber", number);
        pkg.putArray("activity").add(activity);
        String scheduled = alert.path("scheduledDeliveryDate").asText("");
        if (!scheduled.isBlank()) {
            pkg.putArray("deliveryDate").addObject().put("type", "SDD").put("date", scheduled);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode shipment = root.putObject("trackResponse").putArray("shipment").addObject();
        shipment.put("inquiryNumber", number);
        shipment.putArray("package").add(pkg);
        return root.toString();
    }

    /** UPS gives local and GMT times of the activity; their difference is the local UTC offset. */
    static String offset(String localDate, String localTime, String gmtDate, String gmtTime) {
        try {
            LocalDateTime local = LocalDateTime.parse(localDate + localTime, COMPACT);
            LocalDateTime gmt = LocalDateTime.parse(gmtDate + gmtTime, COMPACT);
            long minutes = Duration.between(gmt, local).toMinutes();
            return String.format("%s%02d:%02d", minutes < 0 ? "-" : "+", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String fedexTrackResponse(JsonNode root) {
        if (root.path("output").has("completeTrackResults")) {
            return root.toString();
        }
        JsonNode result = root.has("trackResult") ? root.get("trackResult") : root;
        String number = result.path("trackingNumberInfo").path("trackingNumber").asText(root.path("trackingNumber").asText(null));
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("push body has no trackingNumber");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode complete = out.putObject("output").putArray("completeTrackResults");
        ObjectNode entry = complete.addObject();
        entry.put("trackingNumber", number);
        entry.putArray("trackResults").add(result.deepCopy());
        return out.toString();
    }

    private static String required(JsonNode node, String field) {
        String v = node.path(field).asText("");
        if (v.isBlank()) {
            throw new IllegalArgumentException("push body has no " + field);
        }
        return v;
    }
}
