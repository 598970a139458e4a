package io.ordertracker.carriers;

import io.ordertracker.domain.Carrier;

import java.util.EnumMap;
import java.util.Map;

/** Fixed credentials per carrier (tests, the sandbox, local runs). */
public final class StaticCredentialsProvider implements CarrierCredentialsProvider {

    private final Map<Carrier, CarrierCredentials> byCarrier;

    public StaticCredentialsProvider(Map<Carrier, CarrierCredentials> byCarrier) {
        this.byCarrier = new EnumMap<>(byCarrier);
    }

    @Override
    public CarrierCredentials credentials(Carrier carrier) {
        CarrierCredentials credentials = byCarrier.get(carrier);
        if (credentials == null) {
            throw new IllegalStateException("no credentials configured for " + carrier);
        }
        return credentials;
    }
}
