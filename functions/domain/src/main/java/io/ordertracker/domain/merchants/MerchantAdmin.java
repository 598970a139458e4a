package io.ordertracker.domain.merchants;

import io.ordertracker.domain.Hashing;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** What ops do to merchants: create them, issue and revoke their API keys. */
public final class MerchantAdmin {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Keys look like {@code otk_<keyId>_<secret>} so a leaked key in a log is recognisable and revocable. */
    public static final String KEY_PREFIX = "otk_";

    private final MerchantStore store;
    private final Clock clock;

    public MerchantAdmin(MerchantStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The secret is returned once, here, and never stored. */
    public record IssuedKey(String keyId, String merchantId, String secret) {
    }

    public Merchant createMerchant(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("merchant name must be 1-200 characters");
        }
        String id = "m_" + randomHex(8);
        Merchant merchant = new Merchant(id, name.strip(), MerchantSettings.defaults(name.strip()), clock.instant());
        store.createMerchant(merchant);
        return merchant;
    }

    public IssuedKey issueKey(String merchantId) {
        store.findMerchant(merchantId).orElseThrow(() -> new IllegalArgumentException("no merchant " + merchantId));
        String keyId = randomHex(6);
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = KEY_PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        store.saveKey(new ApiKey(keyId, merchantId, hashKey(secret), true, clock.instant(), null));
        return new IssuedKey(keyId, merchantId, secret);
    }

    /** For scripts and the local runtime: register a key the caller chose (it must still be long and random). */
    public IssuedKey registerKey(String merchantId, String secret) {
        if (secret == null || secret.length() < 24) {
            throw new IllegalArgumentException("an API key must be at least 24 characters");
        }
        String keyId = randomHex(6);
        store.saveKey(new ApiKey(keyId, merchantId, hashKey(secret), true, clock.instant(), null));
        return new IssuedKey(keyId, merchantId, secret);
    }

    public boolean revokeKey(String merchantId, String keyId) {
        return store.revokeKey(merchantId, keyId, clock.instant());
    }

    /** Resolves a presented bearer key to its merchant. */
    public Optional<String> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.length() < 24 || presentedKey.length() > 200) {
            return Optional.empty();
        }
        return store.findActiveKeyByHash(hashKey(presentedKey)).map(ApiKey::merchantId);
    }

    public static String hashKey(String secret) {
        return Hashing.sha256Hex(secret);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
