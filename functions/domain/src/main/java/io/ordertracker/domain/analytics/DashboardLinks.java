package io.ordertracker.domain.analytics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The merchant dashboard's links (docs/analytics.md): {@code /d/<token>}, where the token grants one merchant's
 * figures over one period until it expires, and nothing else. Nothing is stored: the token carries its grant and an
 * HMAC-SHA256 over it under the stack's signing key (Secrets Manager), so a token is only as good as its signature.
 *
 * <pre>token = base64url(payload) "." base64url(HMAC-SHA256(key, "dashboard-link." + base64url(payload)))
 * payload = "v1|" merchantId "|" from "|" to "|" expiresAt (epoch seconds) "|" nonce (96 random bits)</pre>
 *
 * The signature is checked first (in constant time), so a tampered expiry or merchant is "invalid", never "expired";
 * only a genuine link past its time is "expired". The nonce makes every link distinct even for the same grant.
 */
public final class DashboardLinks {
    /** A link lives this long unless the merchant asks otherwise; at most {@link #MAX_LIFETIME}. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);
    /** The default period of a link: the last 30 days, today (UTC) included. */
    public static final int DEFAULT_DAYS = 30;
    /** Below this a key is a misconfiguration (a generated secret of 64 characters is far above it). */
    static final int MIN_KEY_BYTES = 32;
    private static final String PURPOSE = "dashboard-link.";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{20,400}\\.[A-Za-z0-9_-]{43}");
    private static final Pattern MERCHANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<byte[]> key;
    private final Clock clock;

    /** @param key the signing key (read when needed, so a rotated secret is picked up by the key's own cache) */
    public DashboardLinks(Supplier<byte[]> key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** What a valid token grants: one merchant's figures from {@code from} to {@code to}, until {@code expiresAt}. */
    public record Grant(String merchantId, LocalDate from, LocalDate to, Instant expiresAt) {
        public Grant {
            if (merchantId == null || !MERCHANT.matcher(merchantId).matches()) {
                throw new IllegalArgumentException("a merchant id a link can carry: " + merchantId);
            }
            if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= AnalyticsReport.MAX_DAYS) {
                throw new IllegalArgumentException("a period of 1 to " + AnalyticsReport.MAX_DAYS + " days");
            }
        }
    }

    /** A signed link's token and when it stops working. */
    public record Link(String token, Grant grant) {
    }

    /** What a presented token is worth. */
    public sealed interface Verdict {
        record Valid(Grant grant) implements Verdict {
        }

        /** Signed by us, but past its time: the page says so (410) and shows nothing. */
        record Expired(Instant expiredAt) implements Verdict {
        }

        /** Malformed, tampered with, or signed with another key: indistinguishable from unknown (404). */
        record Invalid() implements Verdict {
        }
    }

    /** Today in UTC, the day the aggregates are kept by: the default end of a link's period. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public Link issue(String merchantId, LocalDate from, LocalDate to, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a link lives more than 0 and at most " + MAX_LIFETIME);
        }
        Grant grant = new Grant(merchantId, from, to, clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS));
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String payload = "v1|" + merchantId + "|" + from + "|" + to + "|" + grant.expiresAt().getEpochSecond() + "|"
                + base64(nonce);
        String encoded = base64(payload.getBytes(StandardCharsets.UTF_8));
        return new Link(encoded + "." + base64(mac(encoded)), grant);
    }

    public Verdict verify(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return new Verdict.Invalid();
        }
        int dot = token.indexOf('.');
        String encoded = token.substring(0, dot);
        // compared as text, not as decoded bytes: base64's last character has spare bits a lenient decoder ignores,
        // and a token must have exactly one spelling
        byte[] presented = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(base64(mac(encoded)).getBytes(StandardCharsets.US_ASCII), presented)) {
            return new Verdict.Invalid();
        }
        Grant grant = parse(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        if (grant == null) {
            return new Verdict.Invalid(); // signed by us but not a grant: only a bug could make one
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            return new Verdict.Expired(grant.expiresAt());
        }
        return new Verdict.Valid(grant);
    }

    private static Grant parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 6 || !parts[0].equals("v1")) {
            return null;
        }
        try {
            return new Grant(parts[1], LocalDate.parse(parts[2]), LocalDate.parse(parts[3]),
                    Instant.ofEpochSecond(Long.parseLong(parts[4])));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(String encodedPayload) {
        byte[] k = key.get();
        if (k == null || k.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("the dashboard signing key is missing or shorter than " + MIN_KEY_BYTES
                    + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return mac.doFinal((PURPOSE + encodedPayload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
