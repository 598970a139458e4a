package io.ordertracker.functions.webhooksapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.HttpRoutes;
import io.ordertracker.lambda.MerchantGate;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import io.ordertracker.webhooks.EndpointUrls;
import io.ordertracker.webhooks.SqsDeliveryQueue;
import io.ordertracker.webhooks.WebhookAdmin;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code /v1/webhooks}: the merchant's webhook endpoints, their deliveries, replays and test events. Thin: the
 * merchant and its request rate ({@link MerchantGate}), then {@link WebhookRoutes}.
 */
public class WebhooksApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final HttpRoutes routes;
    private final MerchantGate gate;
    @SuppressWarnings("unused")
    private final Priming priming;

    public WebhooksApiFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        Clock clock = Clocks.fromEnvironment();
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        this.routes = new WebhookRoutes(new WebhookAdmin(table.webhookEndpoints(), table.webhookDeliveries(),
                new SqsDeliveryQueue(sqs, Env.require("WEBHOOK_QUEUE_URL"), Env.require("WEBHOOK_DLQ_URL")),
                EndpointUrls.fromEnvironment(), clock)).table();
        this.gate = new MerchantGate(table.merchantRateLimiter(new MerchantRateLimiter.Limit(
                Env.intValue("MERCHANT_REQUESTS_PER_SECOND", 20), Env.intValue("MERCHANT_REQUEST_BURST", 40)), clock)::retryAfterIfRefused);
        this.priming = Priming.register(Priming.step("dynamodb", table::prime), routes.priming("GET /v1/webhooks"));
    }

    public WebhooksApiFunction(WebhookAdmin admin, MerchantRateLimiter rateLimiter) {
        this.routes = new WebhookRoutes(admin).table();
        this.gate = new MerchantGate(rateLimiter::retryAfterIfRefused);
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Telemetry.around(context, () -> gate.serve(routes, event, "Webhooks"));
    }
}
