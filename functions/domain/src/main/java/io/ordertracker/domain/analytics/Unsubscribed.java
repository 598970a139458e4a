package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Channel;
import java.time.Instant;

/**
 * A shopper turned a channel off at a merchant (the preferences page's "unsubscribe from all", or a mail client's
 * RFC 8058 one-click): counted once per address and channel.
 *
 * @param subscriberKey names the address without revealing it (the hash the preferences are stored under)
 * @param at            when the choice was written
 */
public record Unsubscribed(String merchantId, String subscriberKey, Channel channel, Instant at) {
}
