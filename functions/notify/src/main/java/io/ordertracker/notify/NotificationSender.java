package io.ordertracker.notify;

import io.ordertracker.domain.Customer;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Languages;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.notify.DelayAndStallRules;
import io.ordertracker.domain.notify.DelayNotice;
import io.ordertracker.domain.notify.MilestoneRules;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.domain.notify.NotificationLedger;
import io.ordertracker.domain.notify.ShopperPreferences;
import io.ordertracker.domain.notify.UnsubscribeToken;
import io.ordertracker.domain.notify.SuppressionList;
import io.ordertracker.domain.orders.OrderStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends one {@link NotificationJob} exactly once on its channel's {@link Delivery}: reads what is true now, drops it
 * if stale, holds it through quiet hours, claims the ledger entry, skips suppressed or opted-out addresses and
 * shoppers who unsubscribed from the merchant (or muted the milestone), composes, sends, and marks the entry
 * sent. {@link JobBatchProcessor} maps the {@link Result} to batch failures and metrics.
 */
public final class NotificationSender implements JobBatchProcessor.JobSender {
    public enum Outcome {
        SENT, DUPLICATE, IN_FLIGHT, STALE, NO_CONTACT, SUPPRESSED, OPTED_OUT, UNSUBSCRIBED, DEFERRED
    }

    /** @param deferUntil set for DEFERRED; @param providerMessageId set for SENT */
    public record Result(Outcome outcome, Instant deferUntil, String providerMessageId) {
        public static Result of(Outcome o) {
            return new Result(o, null, null);
        }
    }

    /** Where the sender's configuration comes from (env vars in the handlers). */
    public record Settings(String trackingPageBaseUrl, ZoneId defaultZone, Locale defaultLocale) {
    }

    private final OrderStore orders;
    private final MerchantStore merchants;
    private final NotificationLedger ledger;
    private final SuppressionList suppressions;
    private final Delivery delivery;
    private final Settings settings;
    private final Clock clock;
    private final ShopperPreferences preferences;

    public NotificationSender(OrderStore orders, MerchantStore merchants, NotificationLedger ledger,
                              SuppressionList suppressions, Delivery delivery, Settings settings, Clock clock) {
        this(orders, merchants, ledger, suppressions, null, delivery, settings, clock);
    }

    /**
     * @param preferences the shoppers' choices per merchant (unsubscribe, muted milestones), honoured before every
     *                    send; null for a channel without them (SMS: STOP replies are SNS's opt-out list)
     */
    public NotificationSender(OrderStore orders, MerchantStore merchants, NotificationLedger ledger,
                              SuppressionList suppressions, ShopperPreferences preferences, Delivery delivery,
                              Settings settings, Clock clock) {
        this.preferences = preferences;
        this.orders = orders;
        this.merchants = merchants;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.delivery = delivery;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Result send(NotificationJob job) {
        if (job.channel() != delivery.channel()) {
            // a job on the wrong queue never becomes sendable here: a poison message for the dead-letter queue
            throw new IllegalArgumentException("a " + job.channel() + " job on the " + delivery.channel() + " queue");
        }
        Instant now = clock.instant();
        Optional<Order> order = orders.findOrder(job.merchantId(), job.orderNumber());
        Optional<Merchant> merchant = merchants.findMerchant(job.merchantId());
        // A cancelled order's queued messages (even its confirmation) are stale: the shopper hears nothing more.
        if (order.isEmpty() || merchant.isEmpty() || order.get().cancelled()) {
            return Result.of(Outcome.STALE);
        }
        Shipment shipment = job.shipmentId() == null ? null
                : orders.findShipment(job.merchantId(), job.orderNumber(), job.shipmentId()).orElse(null);
        if ((job.shipmentId() != null && shipment == null) || MilestoneRules.isStale(job.milestone(), shipment)
                || (job.milestone() == Milestone.DELAYED && MilestoneRules.isStaleDelay(job.episode(), shipment))) {
            return Result.of(Outcome.STALE);
        }
        Customer customer = order.get().customer();
        String address = job.channel().addressOf(customer);
        if (!delivery.valid(address)) {
            return Result.of(Outcome.NO_CONTACT);
        }
        ZoneId zone = zone(customer);
        MerchantSettings merchantSettings = merchant.get().settings() == null
                ? MerchantSettings.defaults(merchant.get().name()) : merchant.get().settings();
        Optional<Instant> wait = delivery.holdUntil(now, zone, merchantSettings);
        if (wait.isPresent()) {
            return new Result(Outcome.DEFERRED, wait.get(), null);
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
        boolean optedOut;
        try {
            optedOut = delivery.optedOut(address);
        } catch (RuntimeException e) {
            // The provider could not say (throttled, down): free the claim, or the retry would find it in flight
            // until the lease runs out.
            ledger.release(job, claim.token());
            throw e;
        }
        if (optedOut) {
            ledger.markSkipped(job, claim.token(), "opted-out", now);
            return Result.of(Outcome.OPTED_OUT);
        }
        UnsubscribeLink unsubscribe;
        try {
            ShopperPreferences.Preferences chosen = preferences == null || !UnsubscribeToken.carries(job.merchantId())
                    ? null : preferences.forSending(job.merchantId(), address, now);
            if (chosen != null && !chosen.wants(job.milestone())) {
                ledger.markSkipped(job, claim.token(), "unsubscribed", now);
                return Result.of(Outcome.UNSUBSCRIBED);
            }
            unsubscribe = chosen == null ? null : UnsubscribeLink.of(settings.trackingPageBaseUrl(), chosen.token());
        } catch (RuntimeException e) {
            ledger.release(job, claim.token()); // the table could not say: free the claim for the retry
            throw e;
        }
        MessageContext ctx = new MessageContext(merchant.get(), order.get(), shipment, latestEvent(shipment),
                job.milestone(), job.reason(), trackingUrl(shipment, merchantSettings), zone,
                locale(customer, merchantSettings),
                job.milestone() == Milestone.DELAYED ? delayNotice(shipment, order.get()) : null);
        if (job.milestone() == Milestone.DELIVERED && shipment != null) {
            ctx = ctx.withSignedBy(orders.findSignedBy(job.merchantId(), job.orderNumber(), shipment.shipmentId())
                    .orElse(null));
        }
        String messageId;
        try {
            messageId = delivery.send(ctx, address, unsubscribe, MessageTags.of(job));
        } catch (RuntimeException e) {
            // The provider refused or could not be reached: nothing was sent, so free the claim for the retry.
            ledger.release(job, claim.token());
            throw e;
        }
        ledger.markSent(job, claim.token(), messageId, clock.instant());
        return new Result(Outcome.SENT, null, messageId);
    }

    /**
     * What the DELAYED message says: the episode's notice as the write that started it stored it (old date, new
     * date, reason); for a shipment flagged before notices were stored, the promise and the carrier's date.
     */
    static DelayNotice delayNotice(Shipment shipment, Order order) {
        if (shipment == null) {
            return null;
        }
        if (shipment.delay().notice() != null) {
            return shipment.delay().notice();
        }
        LocalDate eta = DelayAndStallRules.estimateDate(shipment.estimatedDelivery());
        LocalDate promised = order.promisedDeliveryDate();
        return new DelayNotice(promised, eta != null && promised != null && eta.isAfter(promised) ? eta : null,
                shipment.reason().isDelay() ? shipment.reason() : ExceptionReason.NONE, DelayNotice.Basis.PAST_DUE);
    }

    private TrackingEvent latestEvent(Shipment shipment) {
        if (shipment == null) {
            return null;
        }
        List<TrackingEvent> events = orders.findEvents(shipment.shipmentId(), 1);
        return events.isEmpty() ? null : events.get(0);
    }

    /** {@link #trackingUrl(Shipment, MerchantSettings)} for a merchant without its own page. */
    String trackingUrl(Shipment shipment) {
        return trackingUrl(shipment, null);
    }

    /**
     * The shopper's page (the merchant's own page base when set, else the stack's), or (without either) the carrier's
     * own tracking page, or none for an order.
     */
    String trackingUrl(Shipment shipment, MerchantSettings merchant) {
        if (shipment == null) {
            return null;
        }
        String pageBase = merchant != null && merchant.trackingPageBaseUrl() != null
                && merchant.trackingPageBaseUrl().startsWith("https://")
                ? merchant.trackingPageBaseUrl() : settings.trackingPageBaseUrl();
        if (pageBase != null && !pageBase.isBlank() && shipment.trackingToken() != null) {
            String base = pageBase.replaceAll("/+$", "");
            return base + "/t/" + URLEncoder.encode(shipment.trackingToken(), StandardCharsets.UTF_8);
        }
        return shipment.carrier().publicTrackingUrl(URLEncoder.encode(shipment.trackingNumber(), StandardCharsets.UTF_8));
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

    /**
     * The order's locale, else the merchant's default language, else the stack's, else English: the first in a
     * language we write ({@link Languages#resolve}: {@code pt-PT} is told in Brazilian Portuguese, {@code es-MX} in
     * Spanish, a language we do not write falls to the next).
     */
    Locale locale(Customer customer, MerchantSettings merchant) {
        return Languages.resolve(customer == null ? null : customer.locale(), merchant.defaultLanguage(),
                settings.defaultLocale() == null ? null : settings.defaultLocale().toLanguageTag());
    }
}
