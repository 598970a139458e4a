package io.ordertracker.functions.carrierpush;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.RequestBody;
import io.ordertracker.lambda.Telemetry;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * One carrier push: which carrier, is it authentic, what does it say, and through the one write path for carrier
 * observations to every shipment tracking each pushed number. Numbers we do not track are acknowledged (a non-2xx
 * makes the carrier retry forever).
 */
final class PushReceiver {
    /** A Track Alert or webhook body is a few kilobytes. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final ObservationWriter writePath;
    private final PushAuthenticator authenticator;

    PushReceiver(ObservationWriter writePath, PushAuthenticator authenticator) {
        this.writePath = writePath;
        this.authenticator = authenticator;
    }

    APIGatewayV2HTTPResponse receive(HttpRequest request) {
        String code = request.pathParameter("carrier");
        Carrier carrier = Carrier.fromCode(code).filter(c -> c == Carrier.UPS || c == Carrier.FEDEX).orElse(null);
        if (carrier == null) {
            return HttpResponses.problem(404, "not-found", "Not found", "carrier", "No push endpoint for this carrier.");
        }
        RequestBody decoded = request.body(MAX_BODY_BYTES);
        if (!decoded.ok()) {
            return decoded.problem();
        }
        String body = decoded.text();
        if (body.isEmpty()) {
            return HttpResponses.problem(400, "validation", "Invalid body", "body", "A JSON body is required.");
        }
        if (!authenticator.authentic(carrier, request.headers(), body)) {
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
}
