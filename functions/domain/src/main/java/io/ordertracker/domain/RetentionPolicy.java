package io.ordertracker.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How long shopper data outlives the parcel it is about. A shipment's clock starts when it ends (a terminal status,
 * or the merchant stopped tracking it) and restarts with every later write to it; an order lives as long as its
 * last shipment. Live shipments never expire: a parcel still moving must keep its page.
 *
 * <p>The expiry instants are what storage writes into the table's TTL attribute; nothing else decides them.
 *
 * @param retention how long after its end a shipment (its events, its page, its order) is kept
 */
public record RetentionPolicy(Duration retention) {
    /** template.yaml's {@code RetentionDays} default. */
    public static final RetentionPolicy DEFAULT = ofDays(180);

    public RetentionPolicy {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
    }

    public static RetentionPolicy ofDays(int days) {
        return new RetentionPolicy(Duration.ofDays(days));
    }

    /** Ended: nothing more will be polled or told about it (the page still shows it until it expires). */
    public static boolean ended(Shipment shipment) {
        return shipment.status().isTerminal() || !shipment.active();
    }

    /**
     * Retention after the shipment's last write ({@code updatedAt}: the write that ended it, or any later one); empty
     * while it is live.
     */
    public Optional<Instant> shipmentExpiry(Shipment shipment) {
        if (!ended(shipment)) {
            return Optional.empty();
        }
        Instant lastWrite = shipment.updatedAt() != null ? shipment.updatedAt() : shipment.createdAt();
        return Optional.of(lastWrite.plus(retention));
    }

    /**
     * The order goes with its last shipment: the latest of their expiries once every one has ended, empty while one
     * is live. An order without shipments is kept for the retention after its creation.
     */
    public Optional<Instant> orderExpiry(Order order, List<Shipment> shipments) {
        if (shipments.isEmpty()) {
            return Optional.of(order.createdAt().plus(retention));
        }
        Instant latest = null;
        for (Shipment shipment : shipments) {
            Optional<Instant> expiry = shipmentExpiry(shipment);
            if (expiry.isEmpty()) {
                return Optional.empty();
            }
            latest = latest == null || expiry.get().isAfter(latest) ? expiry.get() : latest;
        }
        return Optional.of(latest);
    }

    /**
     * A notification-ledger entry is kept for the retention after its claim. Claims made before a shipment ends go
     * before its data does; a claim made after (the DELIVERED message follows the write that ended the parcel) goes
     * at most a few minutes after it. Once the order is gone a redelivered job finds nothing to send, so the entry
     * has nothing left to guard.
     */
    public Instant ledgerExpiry(Instant claimedAt) {
        return claimedAt.plus(retention);
    }

    /**
     * A shopper's email preferences at a merchant (unsubscribe, muted milestones) are kept for the retention after
     * the latest message to them (sent or skipped) or their latest change: as long as the merchant keeps writing to
     * the address, an opt-out stays; once it has not for the retention, the entry goes like the rest of the
     * shopper's data.
     */
    public Instant preferencesExpiry(Instant lastUsed) {
        return lastUsed.plus(retention);
    }
}
