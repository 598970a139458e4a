package io.ordertracker.functions.analyticsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.analytics.Inquiry;
import io.ordertracker.domain.analytics.InquiryService;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.HttpRoutes;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The routes of the inquiries and the analytics, their request parsing and their answers (docs/openapi.yaml). */
final class AnalyticsRoutes {
    static final int MAX_BODY_BYTES = 4 * 1024;
    private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> FIELDS = Set.of("channel", "reason");
    private static final Set<String> QUERY = Set.of("from", "to", "groupBy");

    private final InquiryService inquiries;
    private final MerchantFacts facts;

    AnalyticsRoutes(InquiryService inquiries, MerchantFacts facts) {
        this.inquiries = inquiries;
        this.facts = facts;
    }

    HttpRoutes table() {
        return HttpRoutes.builder()
                .route("POST /v1/orders/{orderNumber}/inquiries", this::inquiry)
                .route("GET /v1/analytics", this::analytics)
                .build();
    }

    private APIGatewayV2HTTPResponse inquiry(HttpRequest request) {
        String orderNumber = request.pathParameter("orderNumber");
        if (orderNumber == null || !ORDER_NUMBER.matcher(orderNumber).matches()) {
            return invalid("orderNumber", "orderNumber must be 1-64 letters, digits, '.', '_' or '-'.");
        }
        String key = request.header("idempotency-key");
        if (key != null && (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            return invalid("Idempotency-Key", "Idempotency-Key must be 1-255 printable ASCII characters.");
        }
        return request.jsonBody(MAX_BODY_BYTES).then(text -> {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(text);
            } catch (Exception e) {
                return invalid("body", "The body is not valid JSON.");
            }
            if (body == null || !body.isObject()) {
                return invalid("body", "The body must be a JSON object.");
            }
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    return invalid(name, name + " is not a field of an inquiry.");
                }
            }
            Inquiry.Channel channel = Inquiry.parse(Inquiry.Channel.class, body.path("channel").textValue());
            if (channel == null) {
                return invalid("channel", "channel must be one of email, phone, chat, social, other.");
            }
            Inquiry.Reason reason = Inquiry.parse(Inquiry.Reason.class, body.path("reason").textValue());
            if (reason == null) {
                return invalid("reason", "reason must be one of where-is-my-order, delivery-problem, return, other.");
            }
            return inquiries.record(request.merchantId(), orderNumber, channel, reason, key)
                    .map(r -> HttpResponses.json(r.counted() ? 201 : 200, inquiryJson(r.inquiry()),
                            r.counted() ? Map.of() : Map.of("Idempotent-Replayed", "true")))
                    .orElseGet(() -> HttpResponses.problem(404, "not-found", "Not found", "orderNumber",
                            "No order with this number."));
        });
    }

    private static Map<String, Object> inquiryJson(Inquiry i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inquiryId", i.inquiryId());
        out.put("orderNumber", i.orderNumber());
        out.put("channel", i.channel().wire());
        out.put("reason", i.reason().wire());
        out.put("told", i.told().wire());
        out.put("receivedAt", i.receivedAt().toString());
        return out;
    }

    private APIGatewayV2HTTPResponse analytics(HttpRequest request) {
        Map<String, String> q = request.queryParameters();
        for (String name : q.keySet()) {
            if (!QUERY.contains(name)) {
                return invalid(name, name + " is not a parameter of the analytics (from, to, groupBy).");
            }
        }
        LocalDate from = date(q.get("from"));
        if (from == null) {
            return invalid("from", "from is required: the first day (YYYY-MM-DD, UTC).");
        }
        LocalDate to = date(q.get("to"));
        if (to == null) {
            return invalid("to", "to is required: the last day (YYYY-MM-DD, UTC).");
        }
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= AnalyticsReport.MAX_DAYS) {
            return invalid("to", "to must be on or after from, at most " + AnalyticsReport.MAX_DAYS + " days in all.");
        }
        AnalyticsReport.GroupBy groupBy = Inquiry.parse(AnalyticsReport.GroupBy.class, q.getOrDefault("groupBy", "day"));
        if (groupBy == null) {
            return invalid("groupBy", "groupBy must be one of day, carrier, service, lane, milestone.");
        }
        AnalyticsReport report = AnalyticsReport.of(facts, request.merchantId(), from, to, groupBy);
        String accept = request.header("accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv")) {
            return AnalyticsCsv.response(report);
        }
        return HttpResponses.json(200, AnalyticsJson.of(report));
    }

    private static LocalDate date(String text) {
        try {
            return text == null || !text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}") ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static APIGatewayV2HTTPResponse invalid(String field, String message) {
        return HttpResponses.problem(400, "validation", "Invalid request", field, message);
    }
}
