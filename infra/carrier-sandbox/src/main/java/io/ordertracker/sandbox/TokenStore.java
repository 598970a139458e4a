package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens the sandbox issued, with their expiry on the sandbox clock. */
final class TokenStore {

    private record Issued(Carrier carrier, Instant expiresAt) {
    }

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    TokenStore(Clock clock) {
        this.clock = clock;
    }

    String issue(Carrier carrier, Duration lifetime) {
        String token = carrier.code() + "-" + UUID.randomUUID();
        tokens.put(token, new Issued(carrier, clock.instant().plus(lifetime)));
        return token;
    }

    /** Whether {@code authorization} ("Bearer x") carries a live token issued for this carrier. */
    boolean valid(Carrier carrier, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Issued issued = tokens.get(authorization.substring(7).trim());
        return issued != null && issued.carrier() == carrier && clock.instant().isBefore(issued.expiresAt());
    }

    void revokeAll(Carrier carrier) {
        tokens.values().removeIf(i -> i.carrier() == carrier);
    }

    int issuedCount(Carrier carrier) {
        return (int) tokens.values().stream().filter(i -> i.carrier() == carrier).count();
    }
}
