package io.ordertracker.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.notify.MilestoneRules;
import io.ordertracker.domain.notify.QuietHours;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends one {@link NotificationJob} exactly once (email or SMS): reads what is true now, drops it if stale,
 * holds an SMS through quiet hours, claims the ledger entry, skips suppressed or opted-out addresses, composes,
 * sends, and marks the entry sent. The handlers map the {@link Result} to batch failures and metrics.
 */
public final class NotificationSender {
    public enum Outcome {
        SENT, DUPLICATE, IN_FLIGHT, STALE, NO_CONTACT, SUPPRESSED, OPTED_OUT, DEFERRED
    }

    /** @param deferUntil set for DEFERRED; @param providerMessageId set for SENT */
    public record Result(Outcome outcome, Instant deferUntil, String providerMessageId) {
        static Result of(Outcome o) {
            return new Result(o, null, null);
        }
    }

    /** Where the sender's configuration comes from (env vars in the handlers). */
    public record Settings(String defaultSender, String trackingPageBaseUrl, ZoneId defaultZone, Locale defaultLocale,
                           QuietHours quietHours) {
    }

    private final DynamoDbOrderStore orders;
    private final MerchantStore merchants;
    private final NotificationLedger ledger;
    private final SuppressionList suppressions;
    private final Gateways.EmailGateway email;
    private final Gateways.SmsGateway sms;
    private final MessageComposer composer;
    private final Settings settings;
    private final Clock clock;

    public NotificationSender(DynamoDbOrderStore orders, MerchantStore merchants, NotificationLedger ledger,
                              SuppressionList suppressions, Gateways.EmailGateway email, Gateways.SmsGateway sms,
                              MessageComposer composer, Settings settings, Clock clock) {
        this.orders = orders;
        this.merchants = merchants;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.email = email;
        this.sms = sms;
        this.composer = composer;
        this.settings = settings;
        this.clock = clock;
    }

    public Result send(NotificationJob job) {
        Instant now = clock.instant();
        Optional<Order> order = orders.findOrder(job.merchantId(), job.orderNumber());
        Optional<Merchant> merchant = merchants.findMerchant(job.merchantId());
        if (order.isEmpty() || merchant.isEmpty()) {
            return Result.of(Outcome.STALE);
        }
        Shipment shipment = job.shipmentId() == null ? null
                : orders.findShipment(job.merchantId(), job.orderNumber(), job.shipmentId()).orElse(null);
        if ((job.shipmentId() != null && shipment == null) || MilestoneRules.isStale(job.milestone(), shipment)) {
            return Result.of(Outcome.STALE);
        }
        Customer customer = order.get().customer();
        String address = customer == null ? null : job.channel() == Channel.EMAIL ? customer.email() : customer.phone();
        if (!validAddress(job.channel(), address)) {
            return Result.of(Outcome.NO_CONTACT);
        }
        ZoneId zone = zone(customer);
        if (job.channel() == Channel.SMS) {
            Optional<Instant> wait = settings.quietHours().deferUntil(now, zone);
            if (wait.isPresent()) {
                return new Result(Outcome.DEFERRED, wait.get(), null);
            }
        }
        NotificationLedger.ClaimResult claim = ledger.claim(job, now);
        switch (claim.claim()) {
            case ALREADY_DONE -> {
                return Result.of(Outcome.DUPLICATE);
            }
            case IN_FLIGHT -> {
                return Result.of(Outcome.IN_FLIGHT);
            }
            case CLAIMED -> { }
        }
        if (suppressions.isSuppressed(job.channel(), address)) {
            ledger.markSkipped(job, claim.token(), "suppressed", now);
            return Result.of(Outcome.SUPPRESSED);
        }
        if (job.channel() == Channel.SMS && sms.optedOut(address)) {
            ledger.markSkipped(job, claim.token(), "opted-out", now);
            return Result.of(Outcome.OPTED_OUT);
        }
        TrackingEvent latest = shipment == null ? null : latestEvent(shipment);
        MessageContext ctx = new MessageContext(merchant.get(), order.get(), shipment, latest, job.milestone(),
                job.reason(), trackingUrl(shipment, order.get()), zone, locale(customer));
        String messageId;
        try {
            if (job.channel() == Channel.EMAIL) {
                MerchantSettings ms = ctx.settings();
                String replyTo = MessageComposer.isValidEmail(ms.supportEmail()) ? ms.supportEmail() : null;
                MessageComposer.Email message = composer.email(ctx);
                try {
                    messageId = email.send(source(ctx, true), address, replyTo, message);
                } catch (Gateways.UnverifiedSender e) {
                    // The merchant's own address is not (or no longer) a verified identity: the shopper still
                    // hears from us, from the stack's sender, in the merchant's name.
                    if (source(ctx, false).equals(source(ctx, true))) {
                        throw e;
                    }
                    messageId = email.send(source(ctx, false), address, replyTo, message);
                }
            } else {
                messageId = sms.send(address, composer.sms(ctx));
            }
        } catch (RuntimeException e) {
            // The provider refused or could not be reached: nothing was sent, so free the claim for the retry.
            ledger.release(job, claim.token());
            throw e;
        }
        ledger.markSent(job, claim.token(), messageId, clock.instant());
        return new Result(Outcome.SENT, null, messageId);
    }

    private TrackingEvent latestEvent(Shipment shipment) {
        List<TrackingEvent> events = orders.findEvents(shipment.shipmentId(), 1);
        return events.isEmpty() ? null : events.get(0);
    }

    /** The shopper's page, or (without one configured) the carrier's own tracking page, or none for an order. */
    String trackingUrl(Shipment shipment, Order order) {
        if (shipment == null) {
            return null;
        }
        if (settings.trackingPageBaseUrl() != null && !settings.trackingPageBaseUrl().isBlank()
                && shipment.trackingToken() != null) {
            String base = settings.trackingPageBaseUrl().replaceAll("/+$", "");
            return base + "/t/" + java.net.URLEncoder.encode(shipment.trackingToken(), StandardCharsets.UTF_8);
        }
        return shipment.carrier().publicTrackingUrl(
                java.net.URLEncoder.encode(shipment.trackingNumber(), StandardCharsets.UTF_8));
    }

    /**
     * The merchant's own from address when it has one (it must be a verified SES identity), else the stack's
     * sender; the display name is always MIME-encoded so no name can break the header.
     */
    private String source(MessageContext ctx, boolean merchantsOwn) {
        String from = ctx.settings().fromEmail();
        String address = merchantsOwn && MessageComposer.isValidEmail(from) ? from : settings.defaultSender();
        String name = MessageComposer.clean(ctx.merchantName());
        if (name.isEmpty()) {
            return address;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "?= <" + address + ">";
    }

    private static boolean validAddress(Channel channel, String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        return channel == Channel.EMAIL ? MessageComposer.isValidEmail(address) : address.matches("\\+[1-9][0-9]{6,14}");
    }

    private ZoneId zone(Customer customer) {
        if (customer != null && customer.timeZone() != null) {
            try {
                return ZoneId.of(customer.timeZone());
            } catch (DateTimeException e) {
                // fall through to the default: a bad zone must not block the message
            }
        }
        return settings.defaultZone();
    }

    private Locale locale(Customer customer) {
        if (customer != null && customer.locale() != null) {
            try {
                return new Locale.Builder().setLanguageTag(customer.locale()).build();
            } catch (IllformedLocaleException e) {
                // fall through
            }
        }
        return settings.defaultLocale();
    }
}
