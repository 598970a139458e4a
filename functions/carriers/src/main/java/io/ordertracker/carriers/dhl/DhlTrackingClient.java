package io.ordertracker.carriers.dhl;

import io.ordertracker.carriers.CarrierCredentialsProvider;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.http.CarrierCallException;
import io.ordertracker.carriers.http.HttpTrackingClient;
import io.ordertracker.carriers.http.ResilientHttp;
import io.ordertracker.domain.Carrier;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * DHL Shipment Tracking - Unified: {@code GET /track/shipments?trackingNumber=} with the {@code DHL-API-Key}
 * header, one number per call (the starter quota is 1 call/s; the rate limiter keeps us inside it).
 */
public final class DhlTrackingClient extends HttpTrackingClient {

    private final CarrierCredentialsProvider credentials;

    public DhlTrackingClient(URI baseUrl, ResilientHttp http, CarrierCredentialsProvider credentials) {
        super(Carrier.DHL, baseUrl, http, new DhlResponseParser());
        this.credentials = credentials;
    }

    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    protected Map<String, CarrierTrackingResult> trackBatch(List<String> numbers) throws CarrierCallException {
        String number = numbers.getFirst();
        CarrierTrackingResult result = http.call(
                http.request(URI.create(baseUrl + "/track/shipments?trackingNumber=" + encode(number)))
                        .header("DHL-API-Key", credentials.credentials(carrier).apiKey())
                        .GET().build(),
                response -> resultFor(number, parseOrRetry(response)));
        return Map.of(number, result);
    }
}
