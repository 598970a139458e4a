package io.ordertracker.carriers;

import io.ordertracker.domain.Carrier;
import io.ordertracker.sandbox.SandboxCredentials;

import java.util.EnumMap;
import java.util.Map;

/** Credentials the sandbox accepts, and deliberately wrong ones. */
public final class SandboxSupport {

    private SandboxSupport() {
    }

    public static CarrierCredentialsProvider credentials() {
        Map<Carrier, CarrierCredentials> map = new EnumMap<>(Carrier.class);
        for (Carrier c : Carrier.values()) {
            map.put(c, new CarrierCredentials(SandboxCredentials.clientId(c), SandboxCredentials.clientSecret(c),
                    SandboxCredentials.apiKey(c)));
        }
        return new StaticCredentialsProvider(map);
    }

    public static CarrierCredentialsProvider wrongCredentials() {
        Map<Carrier, CarrierCredentials> map = new EnumMap<>(Carrier.class);
        for (Carrier c : Carrier.values()) {
            map.put(c, new CarrierCredentials("not-" + SandboxCredentials.clientId(c), "wrong-secret", "wrong-key"));
        }
        return new StaticCredentialsProvider(map);
    }
}
