package io.ordertracker.domain.merchants;

import io.ordertracker.domain.merchants.MerchantStore.SaveSettingsOutcome;
import io.ordertracker.domain.merchants.MerchantStore.SettingsRevision;
import java.util.List;
import java.util.Optional;

/**
 * Reading and changing a merchant's settings, for the API and for ops alike: every change goes through
 * {@link SettingsDocument#read} and is written only over the version the caller saw, so of two concurrent edits
 * the second loses instead of silently undoing the first.
 */
public final class MerchantSettingsService {
    private final MerchantStore store;

    public MerchantSettingsService(MerchantStore store) {
        this.store = store;
    }

    /** What a change did. */
    public sealed interface Change {
        record Saved(SettingsRevision revision) implements Change {
        }

        record Invalid(List<SettingsDocument.Problem> problems) implements Change {
        }

        /** The settings are no longer at the version the caller read (someone saved in between). */
        record VersionConflict(long currentVersion) implements Change {
        }

        record NoSuchMerchant() implements Change {
        }
    }

    public Optional<SettingsRevision> get(String merchantId) {
        return store.findSettings(merchantId);
    }

    /** Replaces the whole settings document, if they are still at {@code expectedVersion}. */
    public Change replace(String merchantId, Object document, long expectedVersion) {
        SettingsDocument.Read read = SettingsDocument.read(document);
        if (!read.ok()) {
            return new Change.Invalid(read.problems());
        }
        return save(merchantId, read.settings(), expectedVersion);
    }

    /** Applies an RFC 7396 merge patch to the current document, if the settings are still at {@code expectedVersion}. */
    public Change patch(String merchantId, Object mergePatch, long expectedVersion) {
        Optional<SettingsRevision> current = store.findSettings(merchantId);
        if (current.isEmpty()) {
            return new Change.NoSuchMerchant();
        }
        if (!(mergePatch instanceof java.util.Map<?, ?>)) {
            return new Change.Invalid(List.of(new SettingsDocument.Problem("body", "a merge patch of settings must be a JSON object")));
        }
        // A patch that cannot be valid is told so whatever the version: an invalid body is the first thing to fix.
        Object merged = SettingsDocument.mergePatch(SettingsDocument.write(current.get().settings()), mergePatch);
        SettingsDocument.Read read = SettingsDocument.read(merged);
        if (!read.ok()) {
            return new Change.Invalid(read.problems());
        }
        if (current.get().version() != expectedVersion) {
            return new Change.VersionConflict(current.get().version());
        }
        return save(merchantId, read.settings(), expectedVersion);
    }

    private Change save(String merchantId, MerchantSettings settings, long expectedVersion) {
        return switch (store.saveSettings(merchantId, settings, expectedVersion)) {
            case SaveSettingsOutcome.Saved s -> new Change.Saved(s.revision());
            case SaveSettingsOutcome.NoSuchMerchant n -> new Change.NoSuchMerchant();
            case SaveSettingsOutcome.VersionConflict c -> new Change.VersionConflict(
                    store.findSettings(merchantId).map(SettingsRevision::version).orElse(-1L));
        };
    }
}
