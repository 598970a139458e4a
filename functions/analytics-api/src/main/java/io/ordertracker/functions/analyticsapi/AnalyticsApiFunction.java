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
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.HttpRoutes;
import io.ordertracker.lambda.MerchantGate;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.SafeErrors;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /v1/orders/{orderNumber}/inquiries} and {@code GET /v1/analytics} (docs/analytics.md). Thin: the
 * merchant and its request rate ({@link MerchantGate}), then {@link AnalyticsRoutes}.
 */
public class AnalyticsApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsApiFunction.class);

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
        return Telemetry.around(context, () -> {
            try {
                HttpRequest request = HttpRequest.of(event);
                return gate.refuse(request).orElseGet(() -> {
                    MDC.put("merchantId", request.merchantId());
                    return routes.dispatch(request);
                });
            } catch (RuntimeException e) {
                LOG.error("analytics API failure: {}", SafeErrors.describe(e), SafeErrors.redacted(e));
                return HttpResponses.problem(500, "internal", "Internal error",
                        "Something failed on our side; the request may be retried safely.", List.of());
            }
        });
    }
}
