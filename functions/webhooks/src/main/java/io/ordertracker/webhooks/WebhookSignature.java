package io.ordertracker.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): {@code v1,} + base64 of HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64-decoded part of the {@code whsec_} secret.
 * Several signatures (a rotation's old and new secret) are separated by spaces in one {@code webhook-signature}.
 */
public final class WebhookSignature {
    public static final String SECRET_PREFIX = "whsec_";
    /** 32 random bytes: the spec asks for 24 to 64. */
    static final int SECRET_BYTES = 32;
    /** A receiver should refuse a timestamp further than this from its clock (replay protection). */
    public static final long TOLERANCE_SECONDS = 5 * 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: {@code whsec_} + base64 of 32 bytes from SecureRandom. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value: one {@code v1,<sig>} per secret, space-separated. */
    public static String header(List<String> secrets, String id, long timestampSeconds, String body) {
        List<String> parts = new ArrayList<>();
        for (String secret : secrets) {
            parts.add("v1," + sign(secret, id, timestampSeconds, body));
        }
        return String.join(" ", parts);
    }

    /** The base64 HMAC-SHA256 of {@code id.timestamp.body} with the secret's key. */
    public static String sign(String secret, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sig);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Whether one of the header's {@code v1} signatures is {@code secret}'s over the message, and the timestamp is
     * within {@link #TOLERANCE_SECONDS} of {@code nowSeconds}. Compared in constant time.
     */
    public static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader,
                                 long nowSeconds) {
        if (id == null || timestamp == null || signatureHeader == null || body == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected = sign(secret, id, ts, body).getBytes(StandardCharsets.US_ASCII);
        for (String part : signatureHeader.trim().split(" +")) {
            if (part.startsWith("v1,") && MessageDigest.isEqual(expected,
                    part.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
