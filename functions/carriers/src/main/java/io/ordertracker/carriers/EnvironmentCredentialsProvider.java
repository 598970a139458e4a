package io.ordertracker.carriers;

import io.ordertracker.domain.Carrier;

import java.util.Map;

/**
 * Credentials from plain environment variables ({@code UPS_CLIENT_ID}, {@code UPS_CLIENT_SECRET},
 * {@code FEDEX_CLIENT_ID}, {@code FEDEX_CLIENT_SECRET}, {@code USPS_CLIENT_ID}, {@code USPS_CLIENT_SECRET},
 * {@code DHL_API_KEY}): for local runs against the sandbox, never for production secrets.
 */
public final class EnvironmentCredentialsProvider implements CarrierCredentialsProvider {

    private final Map<String, String> env;

    public EnvironmentCredentialsProvider(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public CarrierCredentials credentials(Carrier carrier) {
        String prefix = carrier.name() + "_";
        CarrierCredentials credentials = new CarrierCredentials(env.get(prefix + "CLIENT_ID"),
                env.get(prefix + "CLIENT_SECRET"), env.get(prefix + "API_KEY"));
        if (credentials.clientId() == null && credentials.apiKey() == null) {
            throw new IllegalStateException("no " + prefix + "CLIENT_ID / " + prefix + "API_KEY in the environment");
        }
        return credentials;
    }

    /**
     * The provider a function should use: Secrets Manager when {@code CARRIER_CREDENTIALS_SECRET} is set (production),
     * otherwise these environment variables (local runtime, sandbox).
     */
    public static CarrierCredentialsProvider forEnvironment(Map<String, String> env) {
        String secret = env.get(SecretsManagerCredentialsProvider.SECRET_ENV);
        if (secret != null && !secret.isBlank()) {
            return SecretsManagerCredentialsProvider.fromEnvironment();
        }
        return new EnvironmentCredentialsProvider(env);
    }
}
