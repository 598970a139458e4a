package io.ordertracker.carriers;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.Carrier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Production credentials: one Secrets Manager secret (its ARN or name in {@code CARRIER_CREDENTIALS_SECRET}) holding
 * JSON per carrier:
 * <pre>{"ups":{"clientId":"..","clientSecret":".."},"fedex":{..},"usps":{..},"dhl":{"apiKey":".."}}</pre>
 * Read lazily and cached for a few minutes, so a rotated secret is picked up without a redeploy.
 */
public final class SecretsManagerCredentialsProvider implements CarrierCredentialsProvider {

    public static final String SECRET_ENV = "CARRIER_CREDENTIALS_SECRET";
    private static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Clock clock;
    private Map<Carrier, CarrierCredentials> cached;
    private Instant cachedAt;

    public SecretsManagerCredentialsProvider(SecretsManagerClient client, String secretId, Clock clock) {
        this.client = client;
        this.secretId = secretId;
        this.clock = clock;
    }

    /** The secret named by {@code CARRIER_CREDENTIALS_SECRET}, read with the JDK-based URL connection client. */
    public static SecretsManagerCredentialsProvider fromEnvironment() {
        String secretId = System.getenv(SECRET_ENV);
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalStateException(SECRET_ENV + " is not set");
        }
        SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        return new SecretsManagerCredentialsProvider(client, secretId, Clock.systemUTC());
    }

    @Override
    public synchronized CarrierCredentials credentials(Carrier carrier) {
        if (cached == null || clock.instant().isAfter(cachedAt.plus(CACHE_FOR))) {
            String json = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
            cached = parse(json);
            cachedAt = clock.instant();
        }
        CarrierCredentials credentials = cached.get(carrier);
        if (credentials == null) {
            throw new IllegalStateException("secret " + secretId + " has no entry for " + carrier.code());
        }
        return credentials;
    }

    /** The secret's JSON, keyed by carrier code. */
    static Map<Carrier, CarrierCredentials> parse(String secretJson) {
        JsonNode root = Json.read(secretJson)
                .orElseThrow(() -> new IllegalStateException("carrier credentials secret is not JSON"));
        Map<Carrier, CarrierCredentials> out = new EnumMap<>(Carrier.class);
        for (Carrier carrier : Carrier.values()) {
            JsonNode entry = root.get(carrier.code());
            if (entry != null && entry.isObject()) {
                out.put(carrier, new CarrierCredentials(Json.text(entry, "clientId"), Json.text(entry, "clientSecret"),
                        Json.text(entry, "apiKey")));
            }
        }
        return out;
    }
}
