package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Who may go on to a merchant API's routes (orders, webhooks, analytics): a request the authorizer gave a merchant,
 * within that merchant's request rate (HTTP APIs have no usage plans, so the functions enforce it).
 */
public final class MerchantGate {
    private final Function<String, Optional<Long>> retryAfterSecondsIfRefused;

    /**
     * @param retryAfterSecondsIfRefused the merchant's rate limiter: empty to admit the request, else the seconds to
     *                                   tell the merchant to wait (the domain's {@code MerchantRateLimiter})
     */
    public MerchantGate(Function<String, Optional<Long>> retryAfterSecondsIfRefused) {
        this.retryAfterSecondsIfRefused = retryAfterSecondsIfRefused;
    }

    /** @return the refusal (401 without a merchant, 429 over its rate), or empty to proceed */
    public Optional<APIGatewayV2HTTPResponse> refuse(HttpRequest request) {
        String merchantId = request.merchantId();
        if (merchantId == null) {
            return Optional.of(HttpResponses.problem(401, "unauthorized", "Unauthorized", "Authorization",
                    "A valid merchant API key is required as 'Authorization: Bearer <key>'."));
        }
        return retryAfterSecondsIfRefused.apply(merchantId).map(seconds -> {
            Telemetry.metrics().addMetric("MerchantRequestsRateLimited", 1, MetricUnit.COUNT);
            return HttpResponses.tooManyRequests(seconds,
                    "Over this merchant's request rate; retry after the number of seconds in Retry-After.");
        });
    }
}
