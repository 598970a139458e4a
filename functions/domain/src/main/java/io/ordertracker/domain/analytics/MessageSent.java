package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import java.time.Instant;

/**
 * A message the senders marked sent in the notification ledger (the ledger entry's stream record).
 *
 * @param ledgerKey the ledger entry's key (hashed: names no order), which makes the fact's id
 */
public record MessageSent(String merchantId, String ledgerKey, Channel channel, Milestone milestone, Instant sentAt) {
}
