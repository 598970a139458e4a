package io.ordertracker.notify;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.notify.DelayNotice;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Everything one message is made of, as loaded when it is sent.
 *
 * @param shipment    null for order-level milestones
 * @param latestEvent the newest carrier scan, or null
 * @param trackingUrl the shopper's tracking page, or null when no page base URL is configured
 * @param delay       for DELAYED messages, the old date, the new date and why; null otherwise
 * @param signedBy    who signed for a delivered parcel, as the carrier reported it; null when not known
 */
public record MessageContext(Merchant merchant, Order order, Shipment shipment, TrackingEvent latestEvent,
                             Milestone milestone, ExceptionReason reason, String trackingUrl, ZoneId zone,
                             Locale locale, DelayNotice delay, String signedBy) {

    /** A message without delivery details (signed by). */
    public MessageContext(Merchant merchant, Order order, Shipment shipment, TrackingEvent latestEvent,
                          Milestone milestone, ExceptionReason reason, String trackingUrl, ZoneId zone,
                          Locale locale, DelayNotice delay) {
        this(merchant, order, shipment, latestEvent, milestone, reason, trackingUrl, zone, locale, delay, null);
    }

    /** The same message with who signed for the parcel. */
    public MessageContext withSignedBy(String who) {
        return new MessageContext(merchant, order, shipment, latestEvent, milestone, reason, trackingUrl, zone, locale,
                delay, who);
    }

    public MerchantSettings settings() {
        return merchant.settings() == null ? MerchantSettings.defaults(merchant.name()) : merchant.settings();
    }

    public String merchantName() {
        String display = settings().displayName();
        return display == null || display.isBlank() ? merchant.name() : display;
    }
}
