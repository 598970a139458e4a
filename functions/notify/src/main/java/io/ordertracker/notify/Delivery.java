package io.ordertracker.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.merchants.MerchantSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * How one channel reaches a shopper: which addresses it can reach, when a message may leave, the provider's own opt-out
 * list, and the send itself. {@link NotificationSender} does the rest the same way for every channel; each sender
 * function is built with its own channel's delivery and nothing else.
 */
public interface Delivery {

    Channel channel();

    boolean valid(String address);

    /** When a message due now must wait (quiet hours in the shopper's zone); empty: send now. */
    Optional<Instant> holdUntil(Instant now, ZoneId shopperZone);

    /** {@link #holdUntil(Instant, ZoneId)} for a merchant whose own settings may set the rule (their quiet hours). */
    default Optional<Instant> holdUntil(Instant now, ZoneId shopperZone, MerchantSettings merchant) {
        return holdUntil(now, shopperZone);
    }

    /** The provider's own list of recipients who asked for no more messages (SMS STOP replies). */
    boolean optedOut(String address);

    /** Composes and sends the message; returns the provider's message id. Throws when nothing was sent. */
    String send(MessageContext message, String address);

    /**
     * {@link #send(MessageContext, String)} with the shopper's unsubscribe link for this merchant (null: none), for
     * channels that carry one (email: footer and List-Unsubscribe headers). Others ignore it.
     */
    default String send(MessageContext message, String address, UnsubscribeLink unsubscribe) {
        return send(message, address);
    }

    /**
     * {@link #send(MessageContext, String, UnsubscribeLink)} with the message's tags ({@link MessageTags}), for
     * channels whose provider carries them back in its events (email: SES message tags). Others ignore them.
     */
    default String send(MessageContext message, String address, UnsubscribeLink unsubscribe, Map<String, String> tags) {
        return send(message, address, unsubscribe);
    }
}
