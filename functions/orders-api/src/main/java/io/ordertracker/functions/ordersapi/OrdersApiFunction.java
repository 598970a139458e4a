package io.ordertracker.functions.ordersapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.orders.OrderErasure;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.domain.merchants.MerchantSettingsService;
import io.ordertracker.domain.orders.OrderService;
import io.ordertracker.domain.orders.TrackingTokens;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.HttpRoutes;
import io.ordertracker.lambda.MerchantGate;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.util.Optional;

/**
 * The merchant order API. Thin: {@link MerchantGate} (merchant, request rate), then route by
 * {@link OrderRoutes#table()}. Any input gets a 4xx with the field named; only a fault of ours may give a 5xx.
 */
public class OrdersApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Orders are small; a bigger body is a mistake or an attack. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpRoutes routes;
    private final MerchantGate gate;
    @SuppressWarnings("unused")
    private final Priming priming;

    public OrdersApiFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        Clock clock = Clocks.fromEnvironment();
        this.routes = new OrderRoutes(new OrderService(table.orders(), clock, new TrackingTokens()), table.erasure(clock),
                Env.get("TRACKING_PAGE_BASE_URL"), new SettingsRoutes(new MerchantSettingsService(table.merchants()))).table();
        this.gate = new MerchantGate(table.merchantRateLimiter(new MerchantRateLimiter.Limit(
                Env.intValue("MERCHANT_REQUESTS_PER_SECOND", 20), Env.intValue("MERCHANT_REQUEST_BURST", 40)), clock)::retryAfterIfRefused);
        this.priming = Priming.register(Priming.step("dynamodb", table::prime), routes.priming("GET /v1/orders/{orderNumber}"));
    }

    public OrdersApiFunction(OrderService orders, OrderErasure erasure, MerchantSettingsService settings, String pageBaseUrl,
                             MerchantRateLimiter rateLimiter) {
        this.routes = new OrderRoutes(orders, erasure, Optional.ofNullable(pageBaseUrl), new SettingsRoutes(settings)).table();
        this.gate = new MerchantGate(rateLimiter::retryAfterIfRefused);
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Telemetry.around(context, () -> gate.serve(routes, event, "Order"));
    }
}
