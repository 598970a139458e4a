package io.ordertracker.functions.merchantdashboard;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.analytics.DashboardLinks;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.HttpRoutes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/dashboard-links} (docs/openapi.yaml): a signed link to the merchant's dashboard over a period.
 * The body is optional; {@code from} and {@code to} default to the last 30 days (UTC), {@code expiresInMinutes} to
 * 60 (at most 1,440). The merchant is the authorizer's, never the body's.
 */
final class DashboardLinkRoutes {
    static final int MAX_BODY_BYTES = 2 * 1024;
    private static final Set<String> FIELDS = Set.of("from", "to", "expiresInMinutes");
    private static final long MAX_MINUTES = DashboardLinks.MAX_LIFETIME.toMinutes();

    private final DashboardLinks links;
    private final Optional<String> configuredBaseUrl;

    /** @param configuredBaseUrl the stack's public base URL (TRACKING_PAGE_BASE_URL), else the request's own host */
    DashboardLinkRoutes(DashboardLinks links, Optional<String> configuredBaseUrl) {
        this.links = links;
        this.configuredBaseUrl = configuredBaseUrl;
    }

    HttpRoutes table() {
        return HttpRoutes.builder().route("POST /v1/dashboard-links", this::create).build();
    }

    private APIGatewayV2HTTPResponse create(HttpRequest request) {
        return request.jsonBody(MAX_BODY_BYTES).then(text -> {
            JsonNode body;
            try {
                body = text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
            } catch (Exception e) {
                return invalid("body", "The body is not valid JSON.");
            }
            if (body == null || !body.isObject()) {
                return invalid("body", "The body must be a JSON object.");
            }
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    return invalid(name, name + " is not a field of a dashboard link (from, to, expiresInMinutes).");
                }
            }
            LocalDate today = links.today();
            LocalDate to = body.has("to") ? date(body.get("to")) : today;
            if (to == null) {
                return invalid("to", "to must be a day, YYYY-MM-DD (UTC).");
            }
            LocalDate from = body.has("from") ? date(body.get("from")) : to.minusDays(DashboardLinks.DEFAULT_DAYS - 1L);
            if (from == null) {
                return invalid("from", "from must be a day, YYYY-MM-DD (UTC).");
            }
            if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= AnalyticsReport.MAX_DAYS) {
                return invalid("to", "to must be on or after from, at most " + AnalyticsReport.MAX_DAYS + " days in all.");
            }
            JsonNode minutes = body.path("expiresInMinutes");
            if (!minutes.isMissingNode() && (!minutes.isIntegralNumber() || minutes.asLong() < 1
                    || minutes.asLong() > MAX_MINUTES)) {
                return invalid("expiresInMinutes", "expiresInMinutes must be a whole number from 1 to " + MAX_MINUTES + ".");
            }
            Duration lifetime = minutes.isMissingNode() ? DashboardLinks.DEFAULT_LIFETIME : Duration.ofMinutes(minutes.asLong());
            DashboardLinks.Link link = links.issue(request.merchantId(), from, to, lifetime);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("url", baseUrl(request) + "/d/" + link.token());
            out.put("expiresAt", link.grant().expiresAt().toString());
            out.put("from", from.toString());
            out.put("to", to.toString());
            return HttpResponses.json(201, out);
        });
    }

    private String baseUrl(HttpRequest request) {
        return configuredBaseUrl.orElseGet(() -> request.domainName() == null ? "" : "https://" + request.domainName());
    }

    private static LocalDate date(JsonNode node) {
        String text = node.textValue();
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
