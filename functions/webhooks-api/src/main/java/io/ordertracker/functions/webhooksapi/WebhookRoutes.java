package io.ordertracker.functions.webhooksapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.webhooks.WebhookDelivery;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.HttpRoutes;
import io.ordertracker.webhooks.WebhookAdmin;
import io.ordertracker.webhooks.WebhookAdmin.Changes;
import io.ordertracker.webhooks.WebhookAdmin.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The routes of {@code /v1/webhooks}, their request parsing and their answers (docs/openapi.yaml). */
final class WebhookRoutes {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("url", "eventTypes", "enabled", "description");
    private static final String BASE = "/v1/webhooks";

    private final WebhookAdmin admin;

    WebhookRoutes(WebhookAdmin admin) {
        this.admin = admin;
    }

    HttpRoutes table() {
        return HttpRoutes.builder()
                .route("POST " + BASE, this::create)
                .route("GET " + BASE, r -> HttpResponses.json(200, Map.of("webhooks",
                        admin.list(r.merchantId()).stream().map(e -> endpoint(e, null, null)).toList())))
                .route("GET " + BASE + "/{webhookId}", r -> admin.get(r.merchantId(), id(r))
                        .map(e -> HttpResponses.json(200, endpoint(e, null, null))).orElseGet(WebhookRoutes::notFound))
                .route("PATCH " + BASE + "/{webhookId}", this::update)
                .route("DELETE " + BASE + "/{webhookId}", r -> admin.delete(r.merchantId(), id(r))
                        ? HttpResponses.noContent() : notFound())
                .route("POST " + BASE + "/{webhookId}/rotate-secret", r -> written(admin.rotate(r.merchantId(), id(r)), 200))
                .route("GET " + BASE + "/{webhookId}/deliveries", this::deliveries)
                .route("POST " + BASE + "/{webhookId}/deliveries/{deliveryId}/replay", r -> admin.replay(r.merchantId(),
                        id(r), r.pathParameter("deliveryId")).map(res -> queued(res, r.pathParameter("deliveryId")))
                        .orElseGet(() -> HttpResponses.problem(404, "not-found", "Not found", "deliveryId",
                                "No such delivery of this webhook (deliveries are kept 30 days).")))
                .route("POST " + BASE + "/{webhookId}/test", r -> admin.test(r.merchantId(), id(r))
                        .map(res -> queued(res, res instanceof Result.Done d ? d.secret() : null))
                        .orElseGet(WebhookRoutes::notFound))
                .build();
    }

    private static String id(HttpRequest r) {
        return r.pathParameter("webhookId");
    }

    private APIGatewayV2HTTPResponse create(HttpRequest request) {
        return request.jsonBody(MAX_BODY_BYTES).then(text -> parse(text, true).map(WebhookRoutes::invalid)
                .orElseGet(() -> written(admin.create(request.merchantId(), changes(text)), 201)));
    }

    private APIGatewayV2HTTPResponse update(HttpRequest request) {
        String type = request.header("content-type");
        String media = type == null ? "application/json" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals("application/json") && !media.equals("application/merge-patch+json")) {
            return HttpResponses.problem(415, "unsupported-media-type", "Unsupported media type", "Content-Type",
                    "Send the changes as application/json or application/merge-patch+json.");
        }
        return request.body(MAX_BODY_BYTES).then(text -> parse(text, false).map(WebhookRoutes::invalid)
                .orElseGet(() -> written(admin.update(request.merchantId(), id(request), changes(text)), 200)));
    }

    private APIGatewayV2HTTPResponse deliveries(HttpRequest request) {
        String limitText = request.queryParameters().getOrDefault("limit", "20");
        if (!limitText.matches("[0-9]{1,3}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > 100) {
            return HttpResponses.problem(400, "validation", "Invalid query", "limit", "limit must be a whole number from 1 to 100.");
        }
        return admin.deliveries(request.merchantId(), id(request), Integer.parseInt(limitText))
                .map(list -> HttpResponses.json(200, Map.of("deliveries", list.stream().map(WebhookRoutes::delivery).toList())))
                .orElseGet(WebhookRoutes::notFound);
    }

    /** Shape errors (400) as {field, message}; empty when the body is a well-formed object of known fields. */
    private static Optional<String[]> parse(String text, boolean creating) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return Optional.of(new String[] {"body", "The body is not valid JSON."});
        }
        if (body == null || !body.isObject()) {
            return Optional.of(new String[] {"body", "The body must be a JSON object."});
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return Optional.of(new String[] {name, name + " is not a field of a webhook."});
            }
        }
        if (creating && !body.hasNonNull("url")) {
            return Optional.of(new String[] {"url", "url is required."});
        }
        if (body.has("url") && !body.get("url").isTextual()) {
            return Optional.of(new String[] {"url", "url must be a string."});
        }
        if (body.has("enabled") && !body.get("enabled").isBoolean()) {
            return Optional.of(new String[] {"enabled", "enabled must be true or false."});
        }
        if (body.has("description") && !body.get("description").isTextual() && !body.get("description").isNull()) {
            return Optional.of(new String[] {"description", "description must be a string or null."});
        }
        if (body.has("eventTypes")) {
            JsonNode types = body.get("eventTypes");
            if (!types.isArray() || types.isEmpty() || types.size() > 20) {
                return Optional.of(new String[] {"eventTypes", "eventTypes must be a list of 1 to 20 event types."});
            }
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode t : types) {
                if (!t.isTextual() || !seen.add(t.asText())) {
                    return Optional.of(new String[] {"eventTypes", "eventTypes must be distinct strings."});
                }
            }
        }
        return Optional.empty();
    }

    private static Changes changes(String text) {
        JsonNode body = Json.read(text, JsonNode.class);
        Set<String> types = null;
        if (body.has("eventTypes")) {
            types = new TreeSet<>();
            for (JsonNode t : body.get("eventTypes")) {
                types.add(t.asText());
            }
        }
        return new Changes(body.hasNonNull("url") ? body.get("url").asText() : null, types,
                body.has("enabled") ? body.get("enabled").asBoolean() : null,
                body.hasNonNull("description") ? body.get("description").asText() : null, body.has("description"));
    }

    private static APIGatewayV2HTTPResponse invalid(String[] problem) {
        boolean shape = problem[0].equals("body") || !FIELDS.contains(problem[0]) || problem[1].contains("must be a")
                || problem[1].endsWith("is required.") || problem[1].contains("distinct") || problem[1].contains("true or false");
        return HttpResponses.problem(shape ? 400 : 422, "validation", shape ? "Malformed request" : "Invalid webhook",
                problem[0], problem[1]);
    }

    private static APIGatewayV2HTTPResponse written(Result result, int status) {
        return switch (result) {
            case Result.Done d -> HttpResponses.json(status, endpoint(d.endpoint(), d.secret(),
                    d.secret() != null && status == 200 ? previousExpiry(d.endpoint()) : null),
                    status == 201 ? Map.of("Location", BASE + "/" + d.endpoint().endpointId()) : Map.of());
            case Result.Invalid i -> HttpResponses.problem(422, "validation", "Invalid webhook", i.field(), i.message());
            case Result.NotFound n -> notFound();
            case Result.TooMany t -> HttpResponses.problem(422, "validation", "Invalid webhook", "url",
                    "A merchant may have at most " + WebhookAdmin.MAX_ENDPOINTS + " webhook endpoints; delete one first.");
            case Result.Conflict c -> HttpResponses.problem(409, "conflict", "Conflict", "webhookId", c.message());
        };
    }

    private static APIGatewayV2HTTPResponse queued(Result result, String deliveryId) {
        if (result instanceof Result.Conflict c) {
            return HttpResponses.problem(409, "conflict", "Conflict", "webhookId", c.message());
        }
        return HttpResponses.json(202, Map.of("deliveryId", deliveryId, "status", "queued"));
    }

    private static Instant previousExpiry(WebhookEndpoint e) {
        return e.secrets().stream().map(WebhookEndpoint.SigningSecret::expiresAt).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    static Map<String, Object> endpoint(WebhookEndpoint e, String secret, Instant previousSecretExpiresAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.endpointId());
        m.put("url", e.url());
        m.put("eventTypes", e.eventTypes().isEmpty() ? List.of("*") : new ArrayList<>(new TreeSet<>(e.eventTypes())));
        m.put("enabled", e.enabled());
        m.put("description", e.description());
        m.put("createdAt", e.createdAt().toString());
        m.put("updatedAt", e.updatedAt().toString());
        if (e.failingSince() != null) {
            m.put("failingSince", e.failingSince().toString());
        }
        if (e.disabledReason() != null) {
            m.put("disabledReason", e.disabledReason());
        }
        if (secret != null) {
            m.put("secret", secret);
        }
        if (previousSecretExpiresAt != null) {
            m.put("previousSecretExpiresAt", previousSecretExpiresAt.toString());
        }
        return m;
    }

    static Map<String, Object> delivery(WebhookDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.deliveryId());
        m.put("eventId", d.eventId());
        m.put("eventType", d.eventType());
        m.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("createdAt", d.createdAt().toString());
        if (d.nextAttemptAt() != null) {
            m.put("nextAttemptAt", d.nextAttemptAt().toString());
        }
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (WebhookDelivery.Attempt a : d.attempts()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("at", a.at().toString());
            if (a.statusCode() != null) {
                am.put("statusCode", a.statusCode());
            }
            if (a.error() != null) {
                am.put("error", a.error());
            }
            am.put("latencyMs", a.latencyMillis());
            am.put("replay", a.replay());
            attempts.add(am);
        }
        m.put("attempts", attempts);
        return m;
    }

    private static APIGatewayV2HTTPResponse notFound() {
        return HttpResponses.problem(404, "not-found", "Not found", "webhookId", "No webhook with this id.");
    }
}
