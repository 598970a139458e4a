package io.ordertracker.carriers.ups;

import io.ordertracker.carriers.CarrierCredentials;
import io.ordertracker.carriers.CarrierCredentialsProvider;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.http.CarrierCallException;
import io.ordertracker.carriers.http.OAuthTrackingClient;
import io.ordertracker.carriers.http.ResilientHttp;
import io.ordertracker.domain.Carrier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * UPS Tracking API: OAuth2 client credentials sent as HTTP Basic (client_secret_basic) to
 * {@code /security/v1/oauth/token}; {@code GET /api/track/v1/details/{inquiryNumber}} with the required
 * {@code transId} and {@code transactionSrc} headers. One number per call.
 */
public final class UpsTrackingClient extends OAuthTrackingClient {

    /** Identifies us to UPS in every call's transactionSrc header. */
    static final String TRANSACTION_SOURCE = "order-tracker";

    public UpsTrackingClient(URI baseUrl, ResilientHttp http, CarrierCredentialsProvider credentials, Clock clock) {
        super(Carrier.UPS, baseUrl, http, new UpsResponseParser(), credentials, clock);
    }

    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    protected HttpRequest tokenRequest() {
        CarrierCredentials c = credentials.credentials(carrier);
        String basic = Base64.getEncoder().encodeToString(
                (c.clientId() + ":" + c.clientSecret()).getBytes(StandardCharsets.UTF_8));
        return http.request(URI.create(baseUrl + "/security/v1/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
    }

    @Override
    protected Map<String, CarrierTrackingResult> trackBatch(List<String> numbers) throws CarrierCallException {
        String number = numbers.getFirst();
        CarrierTrackingResult result = withToken(token -> {
            HttpRequest request = http.request(URI.create(baseUrl + "/api/track/v1/details/" + encode(number)
                            + "?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false"))
                    .header("Authorization", "Bearer " + token)
                    // transId: unique per request, at most 32 characters
                    .header("transId", UUID.randomUUID().toString().replace("-", ""))
                    .header("transactionSrc", TRANSACTION_SOURCE)
                    .GET().build();
            return http.call(request, response -> resultFor(number, readTracking(response)));
        });
        return Map.of(number, result);
    }
}
