package io.ordertracker.functions.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.ordertracker.domain.merchants.MerchantAdmin;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Headers;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * HTTP API Lambda authorizer (payload 2.0, simple responses): {@code Authorization: Bearer <key>} -> the merchant
 * that owns the key, passed to the API function as {@code context.merchantId}. Unknown and revoked keys are denied.
 */
public class MerchantAuthorizerFunction implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(MerchantAuthorizerFunction.class);

    private final MerchantAdmin merchants;
    @SuppressWarnings("unused")
    private final Priming priming;

    public MerchantAuthorizerFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        this.merchants = new MerchantAdmin(table.merchants(), Clocks.fromEnvironment());
        this.priming = Priming.register(Priming.step("dynamodb", table::prime),
                Priming.step("authenticate", () -> merchants.authenticate("otk_priming_" + "0".repeat(32))));
    }

    public MerchantAuthorizerFunction(MerchantAdmin merchants) {
        this.merchants = merchants;
        this.priming = null;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        return Telemetry.around(context, () -> {
            Optional<String> merchantId = bearerToken(event).flatMap(merchants::authenticate);
            if (merchantId.isEmpty()) {
                LOG.info("denied a request without a valid API key");
                Telemetry.metrics().addMetric("AuthorizationDenied", 1, MetricUnit.COUNT);
                return Map.of("isAuthorized", false);
            }
            return Map.of("isAuthorized", true, "context", Map.of("merchantId", merchantId.get()));
        });
    }

    static Optional<String> bearerToken(APIGatewayV2CustomAuthorizerEvent event) {
        return Optional.ofNullable(event == null ? null : Headers.get(event.getHeaders(), "authorization"))
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim());
    }
}
