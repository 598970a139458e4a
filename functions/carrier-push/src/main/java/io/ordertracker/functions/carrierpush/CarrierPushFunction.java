package io.ordertracker.functions.carrierpush;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.SafeErrors;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.polling.PollingWiring;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code POST /v1/carrier-push/{carrier}}: UPS Track Alert and FedEx webhook deliveries. Authenticated per carrier
 * ({@link PushAuthenticator}), parsed by the carriers module, and written through the same conditional,
 * forward-only path as polling; a pushed shipment is marked push-fed and needs no routine polling. Numbers we do not
 * track are acknowledged (a non-2xx makes the carrier retry forever); only our own faults answer 5xx, which the
 * carrier retries, and the write path is idempotent.
 */
public class CarrierPushFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierPushFunction.class);
    private final PushReceiver receiver;
    @SuppressWarnings("unused")
    private final Priming priming;

    public CarrierPushFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), "SECRETS_MANAGER");
        String secretId = Env.require("CARRIER_PUSH_SECRET");
        this.receiver = new PushReceiver(new ObservationWriter(table.shipments(), PollingWiring.progress(),
                Clocks.fromEnvironment(), PollingWiring.metrics()),
                new PushAuthenticator(() -> secrets.getSecretValue(b -> b.secretId(secretId)).secretString(), Clock.systemUTC()));
        this.priming = Priming.register(table::prime);
    }

    CarrierPushFunction(ObservationWriter writePath, PushAuthenticator authenticator) {
        this.receiver = new PushReceiver(writePath, authenticator);
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Telemetry.around(context, () -> {
            try {
                return receiver.receive(HttpRequest.of(event));
            } catch (RuntimeException e) {
                LOG.error("carrier push failed; the carrier will retry: {}", SafeErrors.describe(e), SafeErrors.redacted(e));
                return HttpResponses.problem(500, "internal", "Internal error", "Try again later.", List.of());
            }
        });
    }
}
