package io.ordertracker.domain.webhooks;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import java.time.Instant;

/** One change of the tracking table (a stream record), as the webhook producer needs it. */
public sealed interface WebhookSource {

    /** An order was written. @param before null when it was just created */
    record OrderChanged(Order before, Order after) implements WebhookSource {
    }

    /** A shipment was written. @param before null when it was just created */
    record ShipmentChanged(Shipment before, Shipment after) implements WebhookSource {
    }

    /** A notification-ledger entry was written. @param before null when it was just claimed */
    record LedgerChanged(LedgerEntry before, LedgerEntry after) implements WebhookSource {
    }

    /** Anything else. */
    record Ignored() implements WebhookSource {
    }

    /**
     * A ledger entry: one message to the shopper. @param state CLAIMED, SENT or SKIPPED
     * @param at when it reached {@code state}; @param skipReason why it was not sent (suppressed, opted out)
     */
    record LedgerEntry(String merchantId, String orderNumber, String shipmentId, Milestone milestone, String episode,
                       ExceptionReason reason, Channel channel, String state, Instant at, String skipReason,
                       String entryKey) {
    }
}
