package io.ordertracker.functions.carrierpush;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.polling.PollingWiring;
import io.ordertracker.storage.TrackingTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@code POST /v1/carrier-push/{carrier}}: UPS Track Alert and FedEx webhook deliveries. Authenticated per carrier
 * ({@link PushAuthenticator}), parsed by the carriers module, and written through the same conditional,
 * forward-only path as polling; a pushed shipment is marked push-fed and needs no routine polling. Numbers we do not
 * track are acknowledged (a non-2xx makes the carrier retry forever); only our own faults answer 5xx, which the
 * carrier retries, and the write path is idempotent.
 */
public class CarrierPushFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierPushFunction.class);
    /** A Track Alert or webhook body is a few kilobytes. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final ObservationWriter writePath;
    private final PushAuthenticator authenticator;
    @SuppressWarnings("unused")
    private final Priming priming;

    public CarrierPushFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), "SECRETS_MANAGER");
        String secretId = Env.require("CARRIER_PUSH_SECRET");
        this.writePath = new ObservationWriter(table.shipments(), PollingWiring.progress(), Clocks.fromEnvironment(),
                PollingWiring.metrics());
        this.authenticator = new PushAuthenticator(() -> secrets.getSecretValue(b -> b.secretId(secretId)).secretString(),
                Clock.systemUTC());
        this.priming = Priming.register(table::prime);
    }

    CarrierPushFunction(ObservationWriter writePath, PushAuthenticator authenticator) {
        this.writePath = writePath;
        this.authenticator = authenticator;
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Telemetry.around(context, () -> {
            try {
                return handle(event);
            } catch (RuntimeException e) {
                LOG.error("carrier push failed; the carrier will retry", e);
                return HttpResponses.problem(500, "internal", "Internal error", "Try again later.", List.of());
            }
        });
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String code = event.getPathParameters() == null ? null : event.getPathParameters().get("carrier");
        Carrier carrier = Carrier.fromCode(code).filter(c -> c == Carrier.UPS || c == Carrier.FEDEX).orElse(null);
        if (carrier == null) {
            return HttpResponses.problem(404, "not-found", "Not found", "carrier", "No push endpoint for this carrier.");
        }
        String body = body(event);
        if (body == null || body.length() > MAX_BODY_BYTES) {
            return HttpResponses.problem(400, "validation", "Invalid body", "body", "A JSON body is required.");
        }
        if (!authenticator.authentic(carrier, event.getHeaders(), body)) {
            Telemetry.metrics().addMetric("CarrierPushRejected", 1, MetricUnit.COUNT);
            return HttpResponses.problem(401, "unauthorized", "Unauthorized", "credential",
                    "The push is not authenticated.");
        }
        List<CarrierTrackingResult.Tracked> pushed;
        try {
            pushed = PushPayloads.parse(carrier, body);
        } catch (IllegalArgumentException e) {
            return HttpResponses.problem(400, "validation", "Invalid body", "body", e.getMessage());
        }
        int applied = 0;
        for (CarrierTrackingResult.Tracked t : pushed) {
            applied += writePath.applyPushed(carrier, t.trackingNumber(), t.observation());
        }
        Telemetry.metrics().addMetric("CarrierPushesApplied", applied, MetricUnit.COUNT);
        return HttpResponses.json(200, Map.of("received", pushed.size(), "shipmentsUpdated", applied));
    }

    private static String body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return null;
        }
        return event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
                : event.getBody();
    }
}
