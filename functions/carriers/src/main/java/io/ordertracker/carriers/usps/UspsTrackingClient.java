package io.ordertracker.carriers.usps;

import io.ordertracker.carriers.CarrierCredentials;
import io.ordertracker.carriers.CarrierCredentialsProvider;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.http.CarrierCallException;
import io.ordertracker.carriers.http.OAuthTrackingClient;
import io.ordertracker.carriers.http.ResilientHttp;
import io.ordertracker.domain.Carrier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * USPS Tracking v3: OAuth2 client credentials with scope {@code tracking} at {@code /oauth2/v3/token};
 * {@code GET /tracking/v3/tracking/{n}?expand=DETAIL}, one number per call.
 */
public final class UspsTrackingClient extends OAuthTrackingClient {

    public UspsTrackingClient(URI baseUrl, ResilientHttp http, CarrierCredentialsProvider credentials, Clock clock) {
        super(Carrier.USPS, baseUrl, http, new UspsResponseParser(), credentials, clock);
    }

    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    protected HttpRequest tokenRequest() {
        CarrierCredentials c = credentials.credentials(carrier);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "client_credentials");
        params.put("client_id", c.clientId());
        params.put("client_secret", c.clientSecret());
        params.put("scope", "tracking");
        return http.request(URI.create(baseUrl + "/oauth2/v3/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build();
    }

    @Override
    protected Map<String, CarrierTrackingResult> trackBatch(List<String> numbers) throws CarrierCallException {
        String number = numbers.getFirst();
        CarrierTrackingResult result = withToken(token -> http.call(
                http.request(URI.create(baseUrl + "/tracking/v3/tracking/" + encode(number) + "?expand=DETAIL"))
                        .header("Authorization", "Bearer " + token)
                        .GET().build(),
                response -> resultFor(number, readTracking(response))));
        return Map.of(number, result);
    }
}
