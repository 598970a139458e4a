package io.ordertracker.carriers.http;

import io.ordertracker.carriers.CarrierResponseParser;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.CarrierTrackingResult.Failure;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.carriers.Json;
import io.ordertracker.carriers.TrackingClient;
import io.ordertracker.domain.Carrier;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every carrier client shares: splitting into the carrier's batch size, one result per requested number, and
 * turning a failed call into a classified Failure for each number instead of an exception.
 */
public abstract class HttpTrackingClient implements TrackingClient {

    protected final Carrier carrier;
    protected final URI baseUrl;
    protected final ResilientHttp http;
    protected final CarrierResponseParser parser;

    protected HttpTrackingClient(Carrier carrier, URI baseUrl, ResilientHttp http, CarrierResponseParser parser) {
        this.carrier = carrier;
        this.baseUrl = baseUrl;
        this.http = http;
        this.parser = parser;
    }

    @Override
    public Carrier carrier() {
        return carrier;
    }

    /** This client's guarded HTTP (its retry, circuit breaker and settings). */
    public ResilientHttp http() {
        return http;
    }

    @Override
    public List<CarrierTrackingResult> track(List<String> trackingNumbers) {
        List<CarrierTrackingResult> results = new ArrayList<>(trackingNumbers.size());
        int batch = Math.max(1, maxBatchSize());
        for (int from = 0; from < trackingNumbers.size(); from += batch) {
            List<String> chunk = trackingNumbers.subList(from, Math.min(trackingNumbers.size(), from + batch));
            Map<String, CarrierTrackingResult> byNumber;
            try {
                byNumber = trackBatch(chunk);
            } catch (CarrierCallException e) {
                byNumber = new HashMap<>();
                for (String number : chunk) {
                    byNumber.put(number, new Failure(number, e.kind(), e.getMessage(), e.retryAfter()));
                }
            }
            for (String number : chunk) {
                CarrierTrackingResult result = byNumber.get(number);
                results.add(result != null ? result
                        : Failure.of(number, FailureKind.UNKNOWN, carrier.displayName() + " did not answer for this number"));
            }
        }
        return results;
    }

    /** Tracks at most {@link #maxBatchSize()} numbers in one call; keyed by requested number. */
    protected abstract Map<String, CarrierTrackingResult> trackBatch(List<String> numbers) throws CarrierCallException;

    /** Parses a body; a 2xx body that is not JSON (truncated, a proxy's HTML) is a malfunction worth a retry. */
    protected List<CarrierTrackingResult> parseOrRetry(HttpResponse<String> response) throws TransientCarrierException {
        if (response.statusCode() < 400 && Json.read(response.body()).isEmpty()) {
            throw new TransientCarrierException(carrier.displayName() + " sent an unreadable body");
        }
        return parser.parse(response.body(), response.statusCode());
    }

    /** The single result for a one-number call: a failure without a number is that number's failure. */
    protected static CarrierTrackingResult resultFor(String number, List<CarrierTrackingResult> parsed) {
        for (CarrierTrackingResult r : parsed) {
            if (number.equalsIgnoreCase(r.trackingNumber())) {
                return r instanceof Failure f ? f.forNumber(number) : r;
            }
        }
        CarrierTrackingResult first = parsed.getFirst();
        if (first instanceof Failure f) {
            return f.forNumber(number);
        }
        return first;
    }

    protected static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    protected static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(encode(k)).append('=').append(encode(v == null ? "" : v));
        });
        return sb.toString();
    }
}
