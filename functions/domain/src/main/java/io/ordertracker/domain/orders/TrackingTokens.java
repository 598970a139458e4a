package io.ordertracker.domain.orders;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** Tracking-page tokens: 192 random bits, URL-safe. They are the only key to a shopper's page. */
public final class TrackingTokens implements Supplier<String> {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int TOKEN_BYTES = 24;

    @Override
    public String get() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Shape check before any lookup, so junk never reaches the table. */
    public static boolean looksLikeToken(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{32}");
    }
}
