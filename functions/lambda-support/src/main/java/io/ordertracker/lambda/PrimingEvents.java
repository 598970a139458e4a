package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * Synthetic requests for {@link Priming}: what API Gateway would pass for a read that finds nothing (a merchant and
 * an order that cannot exist), so priming runs the real routing, parsing, DynamoDB read and JSON response path without
 * touching anybody's data.
 */
public final class PrimingEvents {
    /** A merchant id no merchant has (ids are generated, never this). */
    public static final String MERCHANT = "priming-no-such-merchant";

    private PrimingEvents() {
    }

    /**
     * A {@code GET} of a route ({@code "GET /v1/orders/{orderNumber}"}) with every path parameter {@code priming}, as
     * the merchant {@link #MERCHANT}.
     */
    public static APIGatewayV2HTTPEvent get(String routeKey) {
        if (!routeKey.startsWith("GET ")) {
            throw new IllegalArgumentException("priming reads only: " + routeKey);
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(routeKey);
        while (m.find()) {
            parameters.put(m.group(1), "priming");
        }
        return get(routeKey, routeKey.substring(4).replaceAll("\\{[^}]+}", "priming"), parameters);
    }

    /** {@code GET} of {@code routeKey}'s path with its path parameters, as the merchant {@link #MERCHANT}. */
    public static APIGatewayV2HTTPEvent get(String routeKey, String path, Map<String, String> pathParameters) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(Map.of("accept", "application/json", "user-agent", "priming"))
                .withPathParameters(pathParameters)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withRequestId("priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("priming").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("merchantId", MERCHANT)).build())
                        .build())
                .build();
    }
}
