package io.ordertracker.domain.notify;

import io.ordertracker.domain.Milestone;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What one shopper (one email address) told one merchant about its emails: nothing (every milestone the merchant
 * sends), some milestones muted, or no emails at all. Scoped to the pair: the same address at another merchant, and
 * another address at the same merchant, are other entries. Reached by the shopper through an unguessable
 * {@link UnsubscribeToken} (the links and the {@code List-Unsubscribe} headers of every email).
 */
public interface ShopperPreferences {

    /**
     * @param token       the shopper's unsubscribe token for this merchant
     * @param unsubscribedAll no email at all (RFC 8058 one-click, or "unsubscribe from all" on the page)
     * @param muted       milestones the shopper does not want
     */
    record Preferences(String token, boolean unsubscribedAll, Set<Milestone> muted) {
        public Preferences {
            muted = muted == null || muted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(muted));
        }

        public boolean wants(Milestone milestone) {
            return !unsubscribedAll && !muted.contains(milestone);
        }
    }

    /** The merchant an entry belongs to, and the entry, as a token finds it. */
    record Subscriber(String merchantId, Preferences preferences) {
    }

    /**
     * The preferences at send time. Creates the entry (with a new token) the first time a merchant emails the
     * address, and keeps it for the retention after this, the latest message (sent or skipped).
     */
    Preferences forSending(String merchantId, String email, Instant now);

    /** The entry behind a token; empty for a malformed, unknown, expired or forged token. */
    Optional<Subscriber> find(String token, Instant now);

    /** No more emails from this merchant to this address; idempotent. False when the token finds no entry. */
    boolean unsubscribeAll(String token, Instant now);

    /** Replaces the choices (the preferences page's form). False when the token finds no entry. */
    boolean update(String token, boolean unsubscribedAll, Set<Milestone> muted, Instant now);
}
