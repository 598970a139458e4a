package io.ordertracker.functions.ordersapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.orders.NewOrder;
import io.ordertracker.domain.orders.OrderErasure;
import io.ordertracker.domain.orders.OrderEdit;
import io.ordertracker.domain.orders.OrderListQuery;
import io.ordertracker.domain.orders.OrderService;
import io.ordertracker.domain.orders.OrderService.CreateResult;
import io.ordertracker.domain.orders.OrderService.EditDecision;
import io.ordertracker.domain.orders.OrderService.EditResult;
import io.ordertracker.domain.orders.OrderService.OrderList;
import io.ordertracker.domain.orders.OrderService.OrderView;
import io.ordertracker.domain.orders.OrderService.ShipmentView;
import io.ordertracker.domain.orders.OrderStore.AddShipmentOutcome;
import io.ordertracker.functions.ordersapi.OrderRequestParser.Parsed;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.HttpRoutes;
import io.ordertracker.lambda.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The order API's routes: parse, call {@link OrderService}, map to JSON or problem+json. Each is reached through
 * {@link #table()} for a request the authorizer has already tied to a merchant.
 */
final class OrderRoutes {
    /** The handler's log category, as before the routes moved here. */
    private static final Logger LOG = LoggerFactory.getLogger(OrdersApiFunction.class);

    private final OrderService orders;
    private final OrderErasure erasure;
    private final OrderRequestParser parser = new OrderRequestParser();
    private final OrderListParser listParser = new OrderListParser();
    private final Optional<String> configuredPageBaseUrl;
    private final SettingsRoutes settings;

    OrderRoutes(OrderService orders, OrderErasure erasure, Optional<String> configuredPageBaseUrl, SettingsRoutes settings) {
        this.orders = orders;
        this.erasure = erasure;
        this.configuredPageBaseUrl = configuredPageBaseUrl;
        this.settings = settings;
    }

    HttpRoutes table() {
        return HttpRoutes.builder()
                .route("POST /v1/orders", r -> jsonBody(r, body -> create(r, body)))
                .route("GET /v1/orders/{orderNumber}", r -> withOrderNumber(r, n -> get(r, n)))
                .route("DELETE /v1/orders/{orderNumber}", r -> withOrderNumber(r, n -> erase(r, n)))
                .route("POST /v1/orders/{orderNumber}/shipments",
                        r -> withOrderNumber(r, n -> jsonBody(r, body -> addShipment(r, n, body))))
                .route("DELETE /v1/orders/{orderNumber}/shipments/{shipmentId}",
                        r -> withOrderNumber(r, n -> stopTracking(r, n, r.pathParameter("shipmentId"))))
                .route("GET /v1/settings", settings::get)
                .route("PUT /v1/settings", settings::put)
                .route("PATCH /v1/settings", settings::patch)
                .route("PATCH /v1/orders/{orderNumber}", r -> withOrderNumber(r, n -> patchBody(r, body -> edit(r, n, body))))
                .route("POST /v1/orders/{orderNumber}/cancel", r -> withOrderNumber(r, n -> cancel(r, n)))
                .route("GET /v1/orders", this::list)
                .route("GET /v1/shipments/{carrier}/{trackingNumber}", this::findByParcel)
                .build();
    }

    private APIGatewayV2HTTPResponse create(HttpRequest request, String body) {
        String idempotencyKey = request.header("idempotency-key");
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
        CreateResult result = orders.create(request.merchantId(), parsed.value(), parsed.canonicalHash(), idempotencyKey);
        String base = pageBaseUrl(request);
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

    private APIGatewayV2HTTPResponse get(HttpRequest request, String orderNumber) {
        MDC.put("orderNumber", orderNumber);
        String base = pageBaseUrl(request);
        return orders.view(request.merchantId(), orderNumber)
                .map(view -> HttpResponses.json(200, body(view, base)))
                .orElseGet(() -> notFound(orderNumber));
    }

    /** The shopper's data goes; a second erasure finds no order (404), which is also what the first one left. */
    private APIGatewayV2HTTPResponse erase(HttpRequest request, String orderNumber) {
        MDC.put("orderNumber", orderNumber);
        return erasure.erase(request.merchantId(), orderNumber)
                .map(erased -> {
                    LOG.info("order erased: {} shipments, {} events, {} ledger entries scrubbed",
                            erased.shipments(), erased.events(), erased.ledgerEntriesScrubbed());
                    Telemetry.metrics().addMetric("OrdersErased", 1, MetricUnit.COUNT);
                    return HttpResponses.noContent();
                })
                .orElseGet(() -> notFound(orderNumber));
    }

    private APIGatewayV2HTTPResponse addShipment(HttpRequest request, String orderNumber, String body) {
        MDC.put("orderNumber", orderNumber);
        Parsed<NewOrder.NewShipment> parsed = parser.parseShipment(body);
        if (!parsed.ok()) {
            return validationProblem(parsed);
        }
        String base = pageBaseUrl(request);
        AddShipmentOutcome outcome = orders.addShipment(request.merchantId(), orderNumber, parsed.value());
        return switch (outcome) {
            case AddShipmentOutcome.Added a -> HttpResponses.json(201,
                    OrderResponses.shipment(new ShipmentView(a.shipment(), List.of()), base));
            case AddShipmentOutcome.AlreadyPresent p -> HttpResponses.json(200,
                    OrderResponses.shipment(new ShipmentView(p.shipment(), List.of()), base),
                    Map.of("Idempotent-Replayed", "true"));
            case AddShipmentOutcome.NoSuchOrder n -> notFound(orderNumber);
            case AddShipmentOutcome.TooManyShipments t -> HttpResponses.problem(422, "validation", "Invalid order",
                    "shipments", "An order holds at most " + OrderService.MAX_SHIPMENTS_PER_ORDER + " shipments.");
            case AddShipmentOutcome.OrderCancelled c -> HttpResponses.problem(409, "conflict", "Conflict",
                    "orderNumber", "This order is cancelled; it takes no new shipments.");
        };
    }

    private APIGatewayV2HTTPResponse stopTracking(HttpRequest request, String orderNumber, String shipmentId) {
        MDC.put("orderNumber", orderNumber);
        if (shipmentId == null || !shipmentId.matches("shp_[0-9a-f]{24}")) {
            return HttpResponses.problem(404, "not-found", "Not found", "shipmentId", "No such shipment on this order.");
        }
        String base = pageBaseUrl(request);
        return orders.stopTracking(request.merchantId(), orderNumber, shipmentId)
                .map(s -> HttpResponses.json(200, OrderResponses.shipment(new ShipmentView(s, List.of()), base)))
                .orElseGet(() -> HttpResponses.problem(404, "not-found", "Not found", "shipmentId",
                        "No such shipment on this order."));
    }

    private APIGatewayV2HTTPResponse edit(HttpRequest request, String orderNumber, String body) {
        MDC.put("orderNumber", orderNumber);
        EditResult<Parsed<OrderEdit>> result = orders.edit(request.merchantId(), orderNumber, current -> {
            Parsed<OrderEdit> parsed = parser.parsePatch(body, current);
            return parsed.ok() ? new EditDecision.Apply<>(parsed.value()) : new EditDecision.Refuse<>(parsed);
        });
        return switch (result) {
            case EditResult.Edited<Parsed<OrderEdit>> e -> HttpResponses.json(200, body(e.order(), pageBaseUrl(request)));
            case EditResult.NotFound<Parsed<OrderEdit>> n -> notFound(orderNumber);
            case EditResult.Rejected<Parsed<OrderEdit>> r -> validationProblem(r.errors());
            case EditResult.Conflict<Parsed<OrderEdit>> c -> HttpResponses.problem(409, "conflict", "Conflict",
                    "orderNumber", "The order kept changing while this edit was applied; send it again.");
        };
    }

    private APIGatewayV2HTTPResponse cancel(HttpRequest request, String orderNumber) {
        MDC.put("orderNumber", orderNumber);
        return orders.cancel(request.merchantId(), orderNumber)
                .map(view -> HttpResponses.json(200, body(view, pageBaseUrl(request))))
                .orElseGet(() -> notFound(orderNumber));
    }

    private APIGatewayV2HTTPResponse list(HttpRequest request) {
        Parsed<OrderListQuery> parsed = listParser.parse(request.queryParameters(), request.merchantId());
        if (!parsed.ok()) {
            return HttpResponses.problem(400, "validation", "Invalid query", parsed.errors().get(0).message(),
                    parsed.errors());
        }
        OrderList list = orders.list(request.merchantId(), parsed.value());
        String next = list.next() == null ? null : OrderListParser.encodeCursor(request.merchantId(), list.next());
        return HttpResponses.json(200, OrderResponses.list(list, next));
    }

    /** Another merchant's parcel and an unknown one answer the same 404. */
    private APIGatewayV2HTTPResponse findByParcel(HttpRequest request) {
        Carrier carrier = Carrier.fromCode(String.valueOf(request.pathParameter("carrier"))).orElse(null);
        if (carrier == null) {
            return HttpResponses.problem(404, "not-found", "Not found", "carrier", "Carriers are ups, fedex, usps and dhl.");
        }
        String raw = request.pathParameter("trackingNumber");
        String number = raw == null || raw.length() > 40 ? null : Carrier.normalizeTrackingNumber(raw);
        if (number == null || !carrier.accepts(number)) {
            return HttpResponses.problem(404, "not-found", "Not found", "trackingNumber",
                    "Not a " + carrier.displayName() + " tracking number on any of your orders.");
        }
        String base = pageBaseUrl(request);
        List<OrderView> found = orders.findByTracking(request.merchantId(), carrier, number);
        if (found.isEmpty()) {
            return HttpResponses.problem(404, "not-found", "Not found", "trackingNumber",
                    "No order of yours holds this tracking number.");
        }
        return HttpResponses.json(200, new OrderResponses.OrdersByParcelBody(found.stream().map(v -> body(v, base)).toList()));
    }

    /** PATCH takes JSON Merge Patch; plain application/json is accepted as the same thing. */
    private static APIGatewayV2HTTPResponse patchBody(HttpRequest request, Function<String, APIGatewayV2HTTPResponse> next) {
        String contentType = request.header("content-type");
        if (contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/merge-patch+json")) {
            return request.body(OrdersApiFunction.MAX_BODY_BYTES).then(next);
        }
        return jsonBody(request, next);
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

    private static APIGatewayV2HTTPResponse withOrderNumber(HttpRequest request,
                                                            Function<String, APIGatewayV2HTTPResponse> next) {
        String orderNumber = request.pathParameter("orderNumber");
        if (!OrderRequestParser.validOrderNumber(orderNumber)) {
            return notFound(orderNumber);
        }
        return next.apply(orderNumber);
    }

    private static APIGatewayV2HTTPResponse jsonBody(HttpRequest request, Function<String, APIGatewayV2HTTPResponse> next) {
        return request.jsonBody(OrdersApiFunction.MAX_BODY_BYTES).then(next);
    }

    /** Without a configured page URL, the page lives on this same API: take its domain from the request. */
    private String pageBaseUrl(HttpRequest request) {
        return configuredPageBaseUrl.orElseGet(() -> request.domainName() == null ? "" : "https://" + request.domainName());
    }
}
