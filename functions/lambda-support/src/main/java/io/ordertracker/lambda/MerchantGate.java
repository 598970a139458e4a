package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Who may go on to a merchant API's routes (orders, webhooks, analytics): a request the authorizer gave a merchant,
 * within that merchant's request rate (HTTP APIs have no usage plans, so the functions enforce it).
 */
public final class MerchantGate {
    private static final Logger LOG = LoggerFactory.getLogger(MerchantGate.class);
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

    /**
     * One request to a merchant API: refused, or routed with the merchant in the logging context. An unexpected
     * failure is logged (never with the request's data) and answered with a 500 that says a retry is safe.
     *
     * @param api the API's name in logs and in its failure metric, {@code <api>ApiFailure} ({@code OrderApiFailure})
     */
    public APIGatewayV2HTTPResponse serve(HttpRoutes routes, APIGatewayV2HTTPEvent event, String api) {
        try {
            HttpRequest request = HttpRequest.of(event);
            return refuse(request).orElseGet(() -> {
                MDC.put("merchantId", request.merchantId());
                return routes.dispatch(request);
            });
        } catch (RuntimeException e) {
            LOG.error("{} API failure: {}", api, SafeErrors.describe(e), SafeErrors.redacted(e));
            Telemetry.metrics().addMetric(api + "ApiFailure", 1, MetricUnit.COUNT);
            return HttpResponses.problem(500, "internal", "Internal error",
                    "Something failed on our side; the request may be retried safely.", List.of());
        }
    }
}
