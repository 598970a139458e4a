package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** API Gateway HTTP API responses: JSON bodies and RFC 9457 problem details. */
public final class HttpResponses {
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM_BASE = "https://ordertracker.io/problems/";

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(Json.write(body)).build();
    }

    /** One invalid field (or header, or "body"). */
    public record FieldError(String field, String message) {
    }

    /**
     * @param type   short problem type, e.g. {@code validation}; becomes a URI under {@link #PROBLEM_BASE}
     * @param errors every field at fault; the first one is also named at the top level
     */
    public static APIGatewayV2HTTPResponse problem(int status, String type, String title, String detail,
                                                   List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null && !errors.isEmpty()) {
            body.put("field", errors.get(0).field());
            body.put("errors", errors);
        }
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        headers.put("Content-Type", PROBLEM_JSON);
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(Json.write(body)).build();
    }

    public static APIGatewayV2HTTPResponse problem(int status, String type, String title, String field, String message) {
        return problem(status, type, title, message, List.of(new FieldError(field, message)));
    }

    /** 429 with {@code Retry-After} (whole seconds): the caller is over its request rate. */
    public static APIGatewayV2HTTPResponse tooManyRequests(long retryAfterSeconds, String detail) {
        APIGatewayV2HTTPResponse response = problem(429, "rate-limited", "Too many requests", detail, List.of());
        response.getHeaders().put("Retry-After", Long.toString(retryAfterSeconds));
        return response;
    }

    /** 204: done, nothing to say (no body, so no Content-Type). */
    public static APIGatewayV2HTTPResponse noContent() {
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(headers).build();
    }

    static Map<String, String> securityHeaders() {
        return Map.of("X-Content-Type-Options", "nosniff");
    }
}
