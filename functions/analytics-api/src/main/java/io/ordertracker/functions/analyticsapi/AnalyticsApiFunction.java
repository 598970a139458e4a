package io.ordertracker.functions.analyticsapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.analytics.InquiryService;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.HttpRoutes;
import io.ordertracker.lambda.MerchantGate;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;

/**
 * {@code POST /v1/orders/{orderNumber}/inquiries} and {@code GET /v1/analytics} (docs/analytics.md). Thin: the
 * merchant and its request rate ({@link MerchantGate}), then {@link AnalyticsRoutes}.
 */
public class AnalyticsApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final HttpRoutes routes;
    private final MerchantGate gate;
    @SuppressWarnings("unused")
    private final Priming priming;

    public AnalyticsApiFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        Clock clock = Clocks.fromEnvironment();
        MerchantFacts facts = table.merchantFacts(clock);
        this.routes = new AnalyticsRoutes(new InquiryService(table.orders(), facts, clock), facts).table();
        this.gate = new MerchantGate(table.merchantRateLimiter(new MerchantRateLimiter.Limit(
                Env.intValue("MERCHANT_REQUESTS_PER_SECOND", 20), Env.intValue("MERCHANT_REQUEST_BURST", 40)), clock)::retryAfterIfRefused);
        this.priming = Priming.register(table::prime);
    }

    public AnalyticsApiFunction(InquiryService inquiries, MerchantFacts facts, MerchantRateLimiter rateLimiter) {
        this.routes = new AnalyticsRoutes(inquiries, facts).table();
        this.gate = new MerchantGate(rateLimiter::retryAfterIfRefused);
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Telemetry.around(context, () -> gate.serve(routes, event, "Analytics"));
    }
}
