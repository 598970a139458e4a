package io.ordertracker.carriers.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.carriers.CarrierCredentialsProvider;
import io.ordertracker.carriers.CarrierResponseParser;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.carriers.Json;
import io.ordertracker.domain.Carrier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A carrier client that authenticates with OAuth2 client credentials and caches the token. */
public abstract class OAuthTrackingClient extends HttpTrackingClient {

    @FunctionalInterface
    protected interface TokenCall<T> {
        T call(String accessToken) throws CarrierCallException;
    }

    protected final CarrierCredentialsProvider credentials;
    protected final Clock clock;
    private final TokenCache tokens;

    protected OAuthTrackingClient(Carrier carrier, URI baseUrl, ResilientHttp http, CarrierResponseParser parser,
                                  CarrierCredentialsProvider credentials, Clock clock) {
        super(carrier, baseUrl, http, parser);
        this.credentials = credentials;
        this.clock = clock;
        this.tokens = new TokenCache(clock, http.settings().tokenRefreshMargin(), this::fetchToken);
    }

    /** The carrier's token request for its client credentials. */
    protected abstract HttpRequest tokenRequest();

    /** Runs a call with a token; a token the carrier refuses (expired early, revoked) is replaced once. */
    protected <T> T withToken(TokenCall<T> call) throws CarrierCallException {
        String token = tokens.token();
        try {
            return call.call(token);
        } catch (CarrierCallException.TokenRejected rejected) {
            tokens.invalidate(token);
            try {
                return call.call(tokens.token());
            } catch (CarrierCallException.TokenRejected again) {
                throw new CarrierCallException(FailureKind.AUTH, again.getMessage(), null);
            }
        }
    }

    /** Parses a tracking answer; 401 means our token was refused. */
    protected List<CarrierTrackingResult> readTracking(HttpResponse<String> response)
            throws TransientCarrierException, CarrierCallException {
        if (response.statusCode() == 401) {
            throw new CarrierCallException.TokenRejected(carrier.displayName() + " refused the access token: "
                    + snippet(response.body()));
        }
        return parseOrRetry(response);
    }

    private TokenCache.AccessToken fetchToken() throws CarrierCallException {
        return http.call(tokenRequest(), response -> {
            int status = response.statusCode();
            if (status >= 400) {
                throw new CarrierCallException(FailureKind.AUTH, carrier.displayName()
                        + " refused our client credentials (HTTP " + status + "): " + snippet(response.body()), null);
            }
            JsonNode json = Json.read(response.body()).orElseThrow(
                    () -> new TransientCarrierException(carrier.displayName() + " sent an unreadable token body"));
            String token = Json.text(json, "access_token");
            if (token == null) {
                throw new CarrierCallException(FailureKind.AUTH, carrier.displayName() + " issued no access token", null);
            }
            // UPS sends expires_in as a string, FedEx and USPS as a number; asLong reads both
            long seconds = json.path("expires_in").asLong(0);
            return new TokenCache.AccessToken(token, clock.instant().plus(Duration.ofSeconds(Math.max(seconds, 1))));
        });
    }

    protected static String snippet(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
