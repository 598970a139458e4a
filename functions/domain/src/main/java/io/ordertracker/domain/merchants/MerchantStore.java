package io.ordertracker.domain.merchants;

import java.util.List;
import java.util.Optional;

/** Merchants and their API keys. Keys are stored only as SHA-256 hashes. */
public interface MerchantStore {

    void createMerchant(Merchant merchant);

    Optional<Merchant> findMerchant(String merchantId);

    void saveKey(ApiKey key);

    /** The active key with this hash, if any. */
    Optional<ApiKey> findActiveKeyByHash(String keyHash);

    List<ApiKey> listKeys(String merchantId);

    /** @return false if no such key belongs to the merchant */
    boolean revokeKey(String merchantId, String keyId, java.time.Instant at);
}
