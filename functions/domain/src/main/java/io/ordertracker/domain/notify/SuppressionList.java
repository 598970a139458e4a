package io.ordertracker.domain.notify;

import io.ordertracker.domain.Channel;
import java.time.Instant;
import java.util.Locale;

/**
 * Addresses (and phone numbers) that must never be sent to again: hard bounces, complaints, opt-outs. Account-wide,
 * not per merchant: a bounce is a property of the address.
 */
public interface SuppressionList {

    /** @return true if newly suppressed, false if it already was (the first reason is kept) */
    boolean suppress(Channel channel, String address, String reason, Instant now);

    boolean isSuppressed(Channel channel, String address);

    /** The form an address is compared in: emails lower-cased, phone numbers reduced to {@code +} and digits. */
    static String normalize(Channel channel, String address) {
        String trimmed = address == null ? "" : address.trim();
        return channel == Channel.EMAIL ? trimmed.toLowerCase(Locale.ROOT) : trimmed.replaceAll("[^+0-9]", "");
    }
}
