package io.ordertracker.functions.ordersapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.orders.NewOrder;
import io.ordertracker.domain.orders.OrderService;
import io.ordertracker.domain.orders.OrderService.CreateResult;
import io.ordertracker.domain.orders.OrderService.OrderView;
import io.ordertracker.domain.orders.OrderService.ShipmentView;
import io.ordertracker.domain.orders.OrderStore.AddShipmentOutcome;
import io.ordertracker.domain.orders.TrackingTokens;
import io.ordertracker.functions.ordersapi.OrderRequestParser.Parsed;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The merchant order API. Thin: route, parse, call {@link OrderService}, map to JSON or problem+json. Any input
 * gets a 4xx with the field named; only a fault of ours may give a 5xx.
 */
public class OrdersApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(OrdersApiFunction.class);
    /** Orders are small; a bigger body is a mistake or an attack. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final OrderService orders;
    private final OrderRequestParser parser = new OrderRequestParser();
    private final Optional<String> configuredPageBaseUrl;
    @SuppressWarnings("unused")
    private final Priming priming;

    public OrdersApiFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        this.orders = new OrderService(table.orders(), Clocks.fromEnvironment(), new TrackingTokens());
        this.configuredPageBaseUrl = Env.get("TRACKING_PAGE_BASE_URL");
        this.priming = Priming.register(table::prime);
    }

    public OrdersApiFunction(OrderService orders, String pageBaseUrl) {
        this.orders = orders;
        this.configuredPageBaseUrl = Optional.ofNullable(pageBaseUrl);
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Telemetry.around(context, () -> {
            try {
                return route(event);
            } catch (RuntimeException e) {
                LOG.error("order API failure", e);
                Telemetry.metrics().addMetric("OrderApiFailure", 1, MetricUnit.COUNT);
                return HttpResponses.problem(500, "internal", "Internal error",
                        "Something failed on our side; the request may be retried safely.", List.of());
            } finally {
                MDC.clear();
            }
        });
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        String merchantId = merchantId(event);
        if (merchantId == null) {
            return HttpResponses.problem(401, "unauthorized", "Unauthorized", "Authorization",
                    "A valid merchant API key is required as 'Authorization: Bearer <key>'.");
        }
        MDC.put("merchantId", merchantId);
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        String routeKey = event.getRouteKey() == null ? "" : event.getRouteKey();
        String base = pageBaseUrl(event);
        return switch (routeKey) {
            case "POST /v1/orders" -> withBody(event, body -> create(merchantId, body, header(event, "idempotency-key"), base));
            case "GET /v1/orders/{orderNumber}" -> withOrderNumber(path, n -> get(merchantId, n, base));
            case "POST /v1/orders/{orderNumber}/shipments" ->
                    withOrderNumber(path, n -> withBody(event, body -> addShipment(merchantId, n, body, base)));
            case "DELETE /v1/orders/{orderNumber}/shipments/{shipmentId}" ->
                    withOrderNumber(path, n -> stopTracking(merchantId, n, path.get("shipmentId"), base));
            default -> HttpResponses.problem(404, "not-found", "Not found", "path", "No such route: " + routeKey);
        };
    }

    private APIGatewayV2HTTPResponse create(String merchantId, String body, String idempotencyKey, String base) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            return HttpResponses.problem(400, "validation", "Invalid header", "Idempotency-Key",
                    "Idempotency-Key must be 1-255 printable ASCII characters.");
        }
        Parsed<NewOrder> parsed = parser.parseOrder(body);
        if (!parsed.ok()) {
            return validationProblem(parsed);
        }
        MDC.put("orderNumber", parsed.value().orderNumber());
        CreateResult result = orders.create(merchantId, parsed.value(), parsed.canonicalHash(), idempotencyKey);
        return switch (result) {
            case CreateResult.Created c -> {
                LOG.info("order created with {} shipments", c.order().shipments().size());
                Telemetry.metrics().addMetric("OrdersCreated", 1, MetricUnit.COUNT);
                Telemetry.metrics().addMetric("ShipmentsCreated", c.order().shipments().size(), MetricUnit.COUNT);
                yield HttpResponses.json(201, body(c.order(), base), Map.of("Location", "/v1/orders/" + c.order().order().orderNumber()));
            }
            case CreateResult.Replayed r -> HttpResponses.json(200, body(r.order(), base), Map.of("Idempotent-Replayed", "true",
                    "Location", "/v1/orders/" + r.order().order().orderNumber()));
            case CreateResult.Conflict c -> HttpResponses.problem(409, "conflict", "Conflict", c.field(), c.detail());
        };
    }

    private APIGatewayV2HTTPResponse get(String merchantId, String orderNumber, String base) {
        MDC.put("orderNumber", orderNumber);
        return orders.view(merchantId, orderNumber)
                .map(view -> HttpResponses.json(200, body(view, base)))
                .orElseGet(() -> notFound(orderNumber));
    }

    private APIGatewayV2HTTPResponse addShipment(String merchantId, String orderNumber, String body, String base) {
        MDC.put("orderNumber", orderNumber);
        Parsed<NewOrder.NewShipment> parsed = parser.parseShipment(body);
        if (!parsed.ok()) {
            return validationProblem(parsed);
        }
        AddShipmentOutcome outcome = orders.addShipment(merchantId, orderNumber, parsed.value());
        return switch (outcome) {
            case AddShipmentOutcome.Added a -> HttpResponses.json(201,
                    OrderResponses.shipment(new ShipmentView(a.shipment(), List.of()), base));
            case AddShipmentOutcome.AlreadyPresent p -> HttpResponses.json(200,
                    OrderResponses.shipment(new ShipmentView(p.shipment(), List.of()), base),
                    Map.of("Idempotent-Replayed", "true"));
            case AddShipmentOutcome.NoSuchOrder n -> notFound(orderNumber);
        };
    }

    private APIGatewayV2HTTPResponse stopTracking(String merchantId, String orderNumber, String shipmentId, String base) {
        MDC.put("orderNumber", orderNumber);
        if (shipmentId == null || !shipmentId.matches("shp_[0-9a-f]{24}")) {
            return HttpResponses.problem(404, "not-found", "Not found", "shipmentId", "No such shipment on this order.");
        }
        return orders.stopTracking(merchantId, orderNumber, shipmentId)
                .map(s -> HttpResponses.json(200, OrderResponses.shipment(new ShipmentView(s, List.of()), base)))
                .orElseGet(() -> HttpResponses.problem(404, "not-found", "Not found", "shipmentId",
                        "No such shipment on this order."));
    }

    private static OrderResponses.OrderBody body(OrderView view, String base) {
        return OrderResponses.order(view, base);
    }

    private static APIGatewayV2HTTPResponse notFound(String orderNumber) {
        return HttpResponses.problem(404, "not-found", "Not found", "orderNumber", "No order with this orderNumber.");
    }

    private static APIGatewayV2HTTPResponse validationProblem(Parsed<?> parsed) {
        boolean malformed = parsed.errors().stream().anyMatch(e -> e.field().equals("body"));
        return HttpResponses.problem(malformed ? 400 : 422, "validation",
                malformed ? "Malformed request" : "Invalid order", parsed.errors().get(0).message(), parsed.errors());
    }

    private APIGatewayV2HTTPResponse withOrderNumber(Map<String, String> path,
                                                     java.util.function.Function<String, APIGatewayV2HTTPResponse> next) {
        String orderNumber = path.get("orderNumber");
        if (!OrderRequestParser.validOrderNumber(orderNumber)) {
            return HttpResponses.problem(404, "not-found", "Not found", "orderNumber", "No order with this orderNumber.");
        }
        return next.apply(orderNumber);
    }

    private APIGatewayV2HTTPResponse withBody(APIGatewayV2HTTPEvent event,
                                              java.util.function.Function<String, APIGatewayV2HTTPResponse> next) {
        String contentType = header(event, "content-type");
        if (contentType != null && !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            return HttpResponses.problem(415, "unsupported-media-type", "Unsupported media type", "Content-Type",
                    "Send the body as application/json.");
        }
        String raw = event.getBody();
        byte[] bytes;
        if (raw == null) {
            bytes = new byte[0];
        } else if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                return HttpResponses.problem(400, "validation", "Malformed request", "body", "The body is not valid base64.");
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return HttpResponses.problem(413, "payload-too-large", "Payload too large", "body",
                    "The body must be at most " + MAX_BODY_BYTES + " bytes.");
        }
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return HttpResponses.problem(400, "validation", "Malformed request", "body", "The body is not valid UTF-8.");
        }
        return next.apply(body);
    }

    /** Without a configured page URL, the page lives on this same API: take its domain from the request. */
    private String pageBaseUrl(APIGatewayV2HTTPEvent event) {
        return configuredPageBaseUrl.orElseGet(() -> {
            var ctx = event.getRequestContext();
            return ctx == null || ctx.getDomainName() == null ? "" : "https://" + ctx.getDomainName();
        });
    }

    private String merchantId(APIGatewayV2HTTPEvent event) {
        var ctx = event.getRequestContext();
        if (ctx == null) {
            return null;
        }
        if (ctx.getAuthorizer() == null || ctx.getAuthorizer().getLambda() == null) {
            return null;
        }
        Object id = ctx.getAuthorizer().getLambda().get("merchantId");
        return id instanceof String s && !s.isBlank() ? s : null;
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> e : event.getHeaders().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
