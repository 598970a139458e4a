package io.ordertracker.carriers.fedex;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.carriers.CarrierCredentials;
import io.ordertracker.carriers.CarrierCredentialsProvider;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.CarrierTrackingResult.Failure;
import io.ordertracker.carriers.Json;
import io.ordertracker.carriers.http.CarrierCallException;
import io.ordertracker.carriers.http.OAuthTrackingClient;
import io.ordertracker.carriers.http.ResilientHttp;
import io.ordertracker.domain.Carrier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FedEx Track API: OAuth2 client credentials at {@code /oauth/token}; {@code POST /track/v1/trackingnumbers} with
 * up to 30 numbers per request.
 */
public final class FedexTrackingClient extends OAuthTrackingClient {

    public static final int MAX_NUMBERS_PER_REQUEST = 30;

    public FedexTrackingClient(URI baseUrl, ResilientHttp http, CarrierCredentialsProvider credentials, Clock clock) {
        super(Carrier.FEDEX, baseUrl, http, new FedexResponseParser(), credentials, clock);
    }

    @Override
    public int maxBatchSize() {
        return MAX_NUMBERS_PER_REQUEST;
    }

    @Override
    protected HttpRequest tokenRequest() {
        CarrierCredentials c = credentials.credentials(carrier);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "client_credentials");
        params.put("client_id", c.clientId());
        params.put("client_secret", c.clientSecret());
        return http.request(URI.create(baseUrl + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build();
    }

    @Override
    protected Map<String, CarrierTrackingResult> trackBatch(List<String> numbers) throws CarrierCallException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("includeDetailedScans", true);
        ArrayNode infos = body.putArray("trackingInfo");
        for (String number : numbers) {
            infos.addObject().putObject("trackingNumberInfo").put("trackingNumber", number);
        }
        List<CarrierTrackingResult> parsed = withToken(token -> http.call(
                http.request(URI.create(baseUrl + "/track/v1/trackingnumbers"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("X-locale", "en_US")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                this::readTracking));
        Map<String, CarrierTrackingResult> byNumber = new HashMap<>();
        for (CarrierTrackingResult r : parsed) {
            if (r.trackingNumber() == null && r instanceof Failure f) {
                // a request-level error: it is every number's answer
                numbers.forEach(n -> byNumber.put(n, f.forNumber(n)));
            } else if (r.trackingNumber() != null) {
                byNumber.put(r.trackingNumber(), r);
            }
        }
        return byNumber;
    }
}
