package io.ordertracker.functions.ordersapi;

import io.ordertracker.local.emulators.OpenApiContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.merchants.MerchantAdmin;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.domain.merchants.MerchantSettingsService;
import io.ordertracker.domain.orders.OrderService;
import io.ordertracker.domain.orders.TrackingTokens;
import io.ordertracker.functions.authorizer.MerchantAuthorizerFunction;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.TrackingTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Drives the API the way API Gateway does: the authorizer function sees the request first, its context reaches
 * the orders function in requestContext.authorizer.lambda; events start from the samples in events/. Every
 * response is checked against docs/openapi.yaml.
 */
final class ApiHarness {
    static final Path ROOT = SamTemplate.locate().getParent();
    static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();
    static final DynamoDbClient CLIENT = DYNAMO.client();
    static final String TABLE = "TrackingTable";
    static final ObjectMapper EVENTS = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final OpenApiContract CONTRACT = new OpenApiContract(ROOT.resolve("docs/openapi.yaml"));

    static {
        new LocalResources(SamTemplate.load(ROOT.resolve("template.yaml"))).createTables(CLIENT);
    }

    final MerchantAdmin admin = new MerchantAdmin(new DynamoDbMerchantStore(CLIENT, TABLE), Clock.systemUTC());
    final MerchantAuthorizerFunction authorizer = new MerchantAuthorizerFunction(admin);
    final OrdersApiFunction api;

    ApiHarness() {
        this(CLIENT);
    }

    /** The orders function on its own client to DynamoDB Local (the authorizer keeps the plain one). */
    ApiHarness(DynamoDbClient ordersClient) {
        // no rate limit (rate 0): these suites send hundreds of requests as fast as they can
        this(ordersClient, new TrackingTable(ordersClient, TABLE).merchantRateLimiter(
                new MerchantRateLimiter.Limit(0, 0), Clock.systemUTC()));
    }

    ApiHarness(DynamoDbClient ordersClient, MerchantRateLimiter rateLimiter) {
        api = new OrdersApiFunction(
                new OrderService(new DynamoDbOrderStore(ordersClient, TABLE), Clock.systemUTC(), new TrackingTokens()),
                new TrackingTable(ordersClient, TABLE).erasure(Clock.systemUTC()),
                new MerchantSettingsService(new DynamoDbMerchantStore(ordersClient, TABLE)), "https://track.example.com",
                rateLimiter);
    }

    /** A merchant with a fresh API key. */
    record Merchant(String merchantId, String apiKey, String keyId) {
    }

    Merchant newMerchant(String name) {
        String id = admin.createMerchant(name).merchantId();
        MerchantAdmin.IssuedKey key = admin.issueKey(id);
        return new Merchant(id, key.secret(), key.keyId());
    }

    /** A response, with its parsed body. */
    record Response(int status, Map<String, String> headers, String body, JsonNode json) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    static APIGatewayV2HTTPEvent sample(String name) {
        try {
            return EVENTS.readValue(ROOT.resolve("events/OrdersApiFunction-" + name + ".json").toFile(),
                    APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response post(String apiKey, String body) {
        return post(apiKey, body, Map.of());
    }

    Response post(String apiKey, String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent e = sample("create");
        e.setBody(body);
        Map<String, String> h = new HashMap<>(e.getHeaders());
        h.remove("idempotency-key");
        h.putAll(headers);
        e.setHeaders(h);
        return send(apiKey, e);
    }

    Response get(String apiKey, String orderNumber) {
        APIGatewayV2HTTPEvent e = sample("get");
        e.setPathParameters(Map.of("orderNumber", orderNumber));
        e.setRawPath("/v1/orders/" + orderNumber);
        return send(apiKey, e);
    }

    Response addShipment(String apiKey, String orderNumber, String body) {
        APIGatewayV2HTTPEvent e = sample("add-shipment");
        e.setPathParameters(Map.of("orderNumber", orderNumber));
        e.setBody(body);
        return send(apiKey, e);
    }

    Response stopTracking(String apiKey, String orderNumber, String shipmentId) {
        APIGatewayV2HTTPEvent e = sample("stop-tracking");
        e.setPathParameters(Map.of("orderNumber", orderNumber, "shipmentId", shipmentId));
        return send(apiKey, e);
    }

    Response erase(String apiKey, String orderNumber) {
        APIGatewayV2HTTPEvent e = sample("erase");
        e.setPathParameters(Map.of("orderNumber", orderNumber));
        e.setRawPath("/v1/orders/" + orderNumber);
        return send(apiKey, e);
    }

    Response settings(String apiKey, String method, String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent e = sample("get");
        e.setRouteKey(method + " /v1/settings");
        e.setRawPath("/v1/settings");
        e.setPathParameters(null);
        e.getRequestContext().getHttp().setMethod(method);
        e.setBody(body);
        Map<String, String> h = new HashMap<>(e.getHeaders());
        if (body != null) {
            h.put("content-type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        h.putAll(headers);
        h.values().removeIf(v -> v == null);
        e.setHeaders(h);
        return send(apiKey, e);
    }

    /** A route from its sample event (events/OrdersApiFunction-<sample>.json) with the path, query and body given. */
    Response call(String apiKey, String sample, String routeKey, Map<String, String> pathParameters,
                  Map<String, String> query, String body, Map<String, String> extraHeaders) {
        APIGatewayV2HTTPEvent e = sample(sample);
        assertThat(e.getRouteKey()).as("sample %s", sample).isEqualTo(routeKey);
        e.setRouteKey(routeKey);
        e.getRequestContext().setRouteKey(routeKey);
        e.getRequestContext().getHttp().setMethod(routeKey.split(" ")[0]);
        e.setPathParameters(pathParameters);
        e.setQueryStringParameters(query == null || query.isEmpty() ? null : query);
        e.setBody(body);
        Map<String, String> h = new HashMap<>(e.getHeaders());
        if (body != null && !h.containsKey("content-type")) {
            h.put("content-type", "application/json");
        }
        h.putAll(extraHeaders);
        e.setHeaders(h);
        return send(apiKey, e);
    }

    Response patch(String apiKey, String orderNumber, String body) {
        return call(apiKey, "edit", "PATCH /v1/orders/{orderNumber}", Map.of("orderNumber", orderNumber), null, body, Map.of());
    }

    Response cancel(String apiKey, String orderNumber) {
        return call(apiKey, "cancel", "POST /v1/orders/{orderNumber}/cancel", Map.of("orderNumber", orderNumber), null, null, Map.of());
    }

    Response list(String apiKey, Map<String, String> query) {
        return call(apiKey, "list", "GET /v1/orders", null, query, null, Map.of());
    }

    Response findByParcel(String apiKey, String carrier, String trackingNumber) {
        return call(apiKey, "find-by-parcel", "GET /v1/shipments/{carrier}/{trackingNumber}",
                Map.of("carrier", carrier, "trackingNumber", trackingNumber), null, null, Map.of());
    }

    /** API Gateway: no Authorization header is a 401, a denied key a 403, both answered by the gateway itself. */
    Response send(String apiKey, APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove("authorization");
        if (apiKey != null) {
            headers.put("authorization", "Bearer " + apiKey);
        }
        event.setHeaders(headers);
        if (apiKey == null) {
            return new Response(401, Map.of("content-type", "application/json"), "{\"message\":\"Unauthorized\"}", null);
        }
        APIGatewayV2CustomAuthorizerEvent authEvent = new APIGatewayV2CustomAuthorizerEvent();
        authEvent.setHeaders(headers);
        authEvent.setRouteKey(event.getRouteKey());
        Map<String, Object> decision = authorizer.handleRequest(authEvent, null);
        if (!Boolean.TRUE.equals(decision.get("isAuthorized"))) {
            return new Response(403, Map.of("content-type", "application/json"), "{\"message\":\"Forbidden\"}", null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) decision.get("context");
        APIGatewayV2HTTPEvent.RequestContext.Authorizer auth = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        auth.setLambda(context);
        event.getRequestContext().setAuthorizer(auth);
        APIGatewayV2HTTPResponse raw = api.handleRequest(event, null);
        JsonNode json;
        try {
            json = raw.getBody() == null ? null : EVENTS.readTree(raw.getBody());
        } catch (IOException e) {
            throw new AssertionError("response body is not JSON: " + raw.getBody(), e);
        }
        Response response = new Response(raw.getStatusCode(), raw.getHeaders(), raw.getBody(), json);
        assertThat(response.status()).as("never a 5xx: %s", response.body()).isLessThan(500);
        CONTRACT.assertConforms(event.getRouteKey(), response.status(), response.header("content-type"), json);
        return response;
    }

    /** Every item in the table: the hostile-input test checks nothing was written. */
    static int itemCount() {
        return CLIENT.scan(b -> b.tableName(TABLE).select("COUNT")).count();
    }
}
