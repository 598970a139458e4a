package io.ordertracker.domain.notify;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key to one shopper's preferences at one merchant: {@code <merchantId>.<address key>.<secret>}. The merchant id
 * and the address key (the SHA-256 of the normalized address, hex) name the table entry, so it is found without an
 * index and always under its merchant; the secret (192 random bits, base64url, as tracking-page tokens) is what makes
 * the token unguessable: it is stored on the entry and compared in constant time. Knowing someone's address is not
 * enough to unsubscribe them.
 */
public record UnsubscribeToken(String merchantId, String addressKey, String secret) {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int SECRET_BYTES = 24;
    private static final Pattern MERCHANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ADDRESS_KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{32}");

    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Shape check before any lookup, so junk never reaches the table. */
    public static Optional<UnsubscribeToken> parse(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !MERCHANT.matcher(parts[0]).matches() || !ADDRESS_KEY.matcher(parts[1]).matches()
                || !SECRET.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new UnsubscribeToken(parts[0], parts[1], parts[2]));
    }

    /** Merchant ids the token can carry (the CLI's {@code m_<hex>} and the tests' names alike). */
    public static boolean carries(String merchantId) {
        return merchantId != null && MERCHANT.matcher(merchantId).matches();
    }

    @Override
    public String toString() {
        return merchantId + "." + addressKey + "." + secret;
    }
}
