package io.ordertracker.domain.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One of a merchant's webhook endpoints: where events go, which ones, and the secrets that sign them.
 *
 * @param secrets       the current secret first; after a rotation the previous one follows with its expiry, and
 *                      both sign until it passes. Never returned by the API after creation or rotation.
 * @param failingSince  when deliveries to it started failing (cleared by the next success); null while healthy
 * @param disabledReason why the platform disabled it (three days of failures); null when the merchant decides
 * @param version       bumped by every change; changes are conditional on the version they read
 */
public record WebhookEndpoint(String merchantId, String endpointId, String url, Set<String> eventTypes,
                              boolean enabled, String description, List<SigningSecret> secrets, Instant createdAt,
                              Instant updatedAt, Instant failingSince, String disabledReason, long version) {

    public WebhookEndpoint {
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** Whether it wants events of {@code type} (an empty set means every type). */
    public boolean wants(String type) {
        return enabled && (eventTypes.isEmpty() || eventTypes.contains(type));
    }

    /** The secrets that sign at {@code now}: the current one and any previous one not yet expired. */
    public List<String> signingSecrets(Instant now) {
        return secrets.stream().filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now))
                .map(SigningSecret::value).toList();
    }

    /** A signing secret ({@code whsec_} + base64 of the key bytes); {@code expiresAt} null for the current one. */
    public record SigningSecret(String value, Instant expiresAt) {
    }
}
