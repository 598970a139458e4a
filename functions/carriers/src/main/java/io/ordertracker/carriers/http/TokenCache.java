package io.ordertracker.carriers.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One OAuth2 access token, reused until shortly before it expires (on the injected clock). */
public final class TokenCache {

    public record AccessToken(String value, Instant expiresAt) {
    }

    @FunctionalInterface
    public interface Fetcher {
        AccessToken fetch() throws CarrierCallException;
    }

    private final Clock clock;
    private final Duration refreshMargin;
    private final Fetcher fetcher;
    private AccessToken current;

    public TokenCache(Clock clock, Duration refreshMargin, Fetcher fetcher) {
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.fetcher = fetcher;
    }

    /** A live token, fetched when there is none or it is about to expire. */
    public synchronized String token() throws CarrierCallException {
        if (current == null || !clock.instant().isBefore(current.expiresAt().minus(refreshMargin))) {
            current = fetcher.fetch();
        }
        return current.value();
    }

    /** Forget a token the carrier refused (expired or revoked early), unless it was already replaced. */
    public synchronized void invalidate(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }
}
