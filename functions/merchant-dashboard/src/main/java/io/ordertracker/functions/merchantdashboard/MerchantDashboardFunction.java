package io.ordertracker.functions.merchantdashboard;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.analytics.DashboardLinks;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpRoutes;
import io.ordertracker.lambda.MerchantGate;
import io.ordertracker.lambda.SafeErrors;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The merchant dashboard (docs/analytics.md): {@code POST /v1/dashboard-links} under the merchant's API key (the
 * gate: authorizer's merchant, request rate) signs a short-lived link; {@code GET /d/{token}}, public, shows it.
 * Thin: the signing key comes from Secrets Manager ({@link SigningKey}), the rest is {@link DashboardLinkRoutes} and
 * {@link DashboardPage}.
 */
public class MerchantDashboardFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(MerchantDashboardFunction.class);
    static final String PAGE_ROUTE = "GET /d/{token}";

    private final HttpRoutes routes;
    private final MerchantGate gate;
    private final DashboardPage page;

    public MerchantDashboardFunction() {
        this(TrackingTable.fromEnvironment(), Clocks.fromEnvironment(),
                AwsClients.build(SecretsManagerClient.builder(), "SECRETS_MANAGER"), Env.require("DASHBOARD_SIGNING_SECRET"));
    }

    private MerchantDashboardFunction(TrackingTable table, Clock clock, SecretsManagerClient secrets, String secretId) {
        this(new DashboardLinks(new SigningKey(() -> secrets.getSecretValue(b -> b.secretId(secretId)).secretString(),
                        clock), clock), table.merchantFacts(clock), table.merchants(),
                table.merchantRateLimiter(new MerchantRateLimiter.Limit(Env.intValue("MERCHANT_REQUESTS_PER_SECOND", 20),
                        Env.intValue("MERCHANT_REQUEST_BURST", 40)), clock),
                Env.get("TRACKING_PAGE_BASE_URL").filter(s -> !s.isBlank()).orElse(null));
    }

    /** @param baseUrl the public base of the links (null: the request's own host) */
    public MerchantDashboardFunction(DashboardLinks links, MerchantFacts facts, MerchantStore merchants,
                                     MerchantRateLimiter rateLimiter, String baseUrl) {
        this.routes = new DashboardLinkRoutes(links, Optional.ofNullable(baseUrl)).table();
        this.gate = new MerchantGate(rateLimiter::retryAfterIfRefused);
        this.page = new DashboardPage(links, facts, merchants);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = HttpRequest.of(event);
        return Telemetry.around(context, () -> {
            if (!request.routeKey().equals(PAGE_ROUTE)) {
                return gate.serve(routes, event, "DashboardLinks");
            }
            try {
                return page.respond(request);
            } catch (RuntimeException e) {
                LOG.error("dashboard page failure: {}", SafeErrors.describe(e), SafeErrors.redacted(e));
                return page.error();
            }
        });
    }
}
