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

    /** A merchant's settings with the version they were saved at (0 for settings never saved since creation). */
    record SettingsRevision(MerchantSettings settings, long version) {
    }

    /** What a conditional settings write did. */
    sealed interface SaveSettingsOutcome {
        record Saved(SettingsRevision revision) implements SaveSettingsOutcome {
        }

        /** Someone saved in between: the stored version is no longer the one the caller read. */
        record VersionConflict() implements SaveSettingsOutcome {
        }

        record NoSuchMerchant() implements SaveSettingsOutcome {
        }
    }

    Optional<SettingsRevision> findSettings(String merchantId);

    /** Replaces the settings only if their stored version is still {@code expectedVersion}; the new version is one more. */
    SaveSettingsOutcome saveSettings(String merchantId, MerchantSettings settings, long expectedVersion);
}
