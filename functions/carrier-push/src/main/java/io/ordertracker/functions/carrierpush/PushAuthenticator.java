package io.ordertracker.functions.carrierpush;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.Carrier;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may push: UPS sends back the credential we registered with the Track Alert subscription (header
 * {@code credential}); FedEx signs each webhook body with HMAC-SHA256 under the security token of the webhook
 * project (header {@code fdx-signature}, hex or base64). Both secrets live in one Secrets Manager secret
 * ({"upsCredential": "...", "fedexSecurityToken": "..."}), read lazily and cached briefly so a rotation is picked up.
 * Comparisons are constant-time.
 */
final class PushAuthenticator {
    private static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final Supplier<String> secretJson;
    private final Clock clock;
    private JsonNode cached;
    private Instant cachedAt;

    PushAuthenticator(Supplier<String> secretJson, Clock clock) {
        this.secretJson = secretJson;
        this.clock = clock;
    }

    boolean authentic(Carrier carrier, Map<String, String> headers, String body) {
        JsonNode secret = secret();
        return switch (carrier) {
            case UPS -> {
                String expected = secret.path("upsCredential").asText("");
                String given = Headers.get(headers, "credential");
                yield !expected.isBlank() && given != null && equal(expected.getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8));
            }
            case FEDEX -> {
                String token = secret.path("fedexSecurityToken").asText("");
                String given = Headers.get(headers, "fdx-signature");
                if (token.isBlank() || given == null) {
                    yield false;
                }
                byte[] mac = hmac(token, body);
                yield equal(mac, decode(given.trim()));
            }
            default -> false;
        };
    }

    static byte[] hmac(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static byte[] decode(String signature) {
        try {
            return signature.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(signature)
                    : Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private synchronized JsonNode secret() {
        if (cached == null || clock.instant().isAfter(cachedAt.plus(CACHE_FOR))) {
            try {
                cached = Json.MAPPER.readTree(secretJson.get());
            } catch (Exception e) {
                throw new IllegalStateException("carrier push secret is not JSON");
            }
            cachedAt = clock.instant();
        }
        return cached;
    }
}
