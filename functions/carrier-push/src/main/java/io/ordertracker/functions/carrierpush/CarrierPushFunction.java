package io.ordertracker.functions.carrierpush;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.RequestBody;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.polling.TrackingWorker;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import io.ordertracker.storage.DynamoDbShipmentTracker.ShipmentRef;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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

    private final TrackingWorker writePath;
    private final PushAuthenticator authenticator;
    @SuppressWarnings("unused")
    private final Priming priming;

    public CarrierPushFunction() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB");
        SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), "SECRETS_MANAGER");
        String table = Env.require("TABLE_NAME");
        String secretId = Env.require("CARRIER_PUSH_SECRET");
        Clock clock = Clocks.fromEnvironment();
        this.writePath = new TrackingWorker(new DynamoDbShipmentTracker(dynamo, table), carrier -> {
            throw new IllegalStateException("the push endpoint never calls a carrier");
        }, new TrackingProgress(new PollCadence(PollingSettings.from(n -> Env.get(n).orElse(null)))), clock,
                (name, value) -> Telemetry.metrics().addMetric(name, value, MetricUnit.COUNT));
        this.authenticator = new PushAuthenticator(() -> secrets.getSecretValue(b -> b.secretId(secretId)).secretString(),
                Clock.systemUTC());
        this.priming = Priming.register(() -> dynamo.describeTable(b -> b.tableName(table)));
    }

    CarrierPushFunction(TrackingWorker writePath, PushAuthenticator authenticator) {
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
        if (event.getBody() == null) {
            return HttpResponses.problem(400, "validation", "Invalid body", "body", "A JSON body is required.");
        }
        RequestBody decoded = HttpRequest.of(event).body(MAX_BODY_BYTES);
        if (!decoded.ok()) {
            return decoded.problem();
        }
        String body = decoded.text();
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
            for (ShipmentRef ref : writePath.refsFor(carrier, t.trackingNumber())) {
                if (writePath.applyPush(ref, t)) {
                    applied++;
                }
            }
        }
        Telemetry.metrics().addMetric("CarrierPushesApplied", applied, MetricUnit.COUNT);
        return HttpResponses.json(200, Map.of("received", pushed.size(), "shipmentsUpdated", applied));
    }
}
