package io.ordertracker.domain.merchants;

import java.time.Instant;

/** A stored API key: never the secret itself, only its hash and a short public id to name it by. */
public record ApiKey(String keyId, String merchantId, String keyHash, boolean active, Instant createdAt,
                     Instant revokedAt) {
}
