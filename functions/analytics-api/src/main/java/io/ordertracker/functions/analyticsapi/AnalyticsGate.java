package io.ordertracker.functions.analyticsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.Telemetry;
import java.util.Optional;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * (The orders API's gate, for this function.) Who may go on to the routes: a request the authorizer gave a merchant, within that merchant's request rate (HTTP
 * APIs have no usage plans, so the function enforces it).
 */
final class AnalyticsGate {
    private final MerchantRateLimiter rateLimiter;

    AnalyticsGate(MerchantRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    /** @return the refusal (401 without a merchant, 429 over its rate), or empty to proceed */
    Optional<APIGatewayV2HTTPResponse> refuse(HttpRequest request) {
        String merchantId = request.merchantId();
        if (merchantId == null) {
            return Optional.of(HttpResponses.problem(401, "unauthorized", "Unauthorized", "Authorization",
                    "A valid merchant API key is required as 'Authorization: Bearer <key>'."));
        }
        return rateLimiter.admit(merchantId).map(wait -> {
            Telemetry.metrics().addMetric("MerchantRequestsRateLimited", 1, MetricUnit.COUNT);
            return HttpResponses.tooManyRequests(MerchantRateLimiter.retryAfterSeconds(wait),
                    "Over this merchant's request rate; retry after the number of seconds in Retry-After.");
        });
    }
}
