package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A read-only view over an API Gateway HTTP API (payload 2.0) event: case-insensitive headers, path parameters,
 * the Lambda authorizer's context, and a body decoded strictly (base64 when flagged, size-limited, valid UTF-8),
 * refused with problem+json rather than an exception.
 */
public final class HttpRequest {
    private final APIGatewayV2HTTPEvent event;

    private HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event == null ? new APIGatewayV2HTTPEvent() : event;
    }

    public static HttpRequest of(APIGatewayV2HTTPEvent event) {
        return new HttpRequest(event);
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    /** A header in any case, or null. */
    public String header(String name) {
        return Headers.get(event.getHeaders(), name);
    }

    /** The headers as sent (possibly empty, never null). */
    public Map<String, String> headers() {
        return event.getHeaders() == null ? Map.of() : event.getHeaders();
    }

    public String pathParameter(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    /** The query string parameters (API Gateway joins repeated names with commas); empty, never null. */
    public Map<String, String> queryParameters() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    /** The API Gateway route key, e.g. {@code "POST /v1/orders"}; empty when absent. */
    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    /** The HTTP method as sent ({@code GET}, {@code HEAD}, ...) from the request context, or null. */
    public String method() {
        var ctx = event.getRequestContext();
        return ctx == null || ctx.getHttp() == null ? null : ctx.getHttp().getMethod();
    }

    /** The request's domain name from the request context, or null. */
    public String domainName() {
        var ctx = event.getRequestContext();
        return ctx == null ? null : ctx.getDomainName();
    }

    /** A non-blank string the Lambda authorizer put in its context under {@code key}, or null. */
    public String authorizerContext(String key) {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getLambda() == null) {
            return null;
        }
        Object value = ctx.getAuthorizer().getLambda().get(key);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    /** The merchant the authorizer authenticated, or null. */
    public String merchantId() {
        return authorizerContext("merchantId");
    }

    /**
     * The body as text: base64-decoded when the gateway says so, at most {@code maxBytes} bytes, strict UTF-8. No body
     * is the empty string. Refused with 400 (field {@code body}) for bad base64 or bad UTF-8, 413 when too large.
     */
    public RequestBody body(int maxBytes) {
        String raw = event.getBody();
        byte[] bytes;
        if (raw == null) {
            bytes = new byte[0];
        } else if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                return RequestBody.refused(HttpResponses.problem(400, "validation", "Malformed request", "body",
                        "The body is not valid base64."));
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            return RequestBody.refused(HttpResponses.problem(413, "payload-too-large", "Payload too large", "body",
                    "The body must be at most " + maxBytes + " bytes."));
        }
        try {
            return RequestBody.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return RequestBody.refused(HttpResponses.problem(400, "validation", "Malformed request", "body",
                    "The body is not valid UTF-8."));
        }
    }

    /**
     * {@link #body(int)} for an endpoint that takes JSON: a Content-Type other than application/json (parameters
     * aside) is refused first with 415 naming {@code Content-Type}; no Content-Type at all is accepted.
     */
    public RequestBody jsonBody(int maxBytes) {
        String contentType = header("content-type");
        if (contentType != null && !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            return RequestBody.refused(HttpResponses.problem(415, "unsupported-media-type", "Unsupported media type",
                    "Content-Type", "Send the body as application/json."));
        }
        return body(maxBytes);
    }
}
