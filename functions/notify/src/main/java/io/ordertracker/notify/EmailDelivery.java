package io.ordertracker.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.merchants.MerchantSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Email through an {@link Gateways.EmailGateway} (SES): branded HTML and text as one raw MIME message
 * ({@link MimeEmail}), from the merchant's own address when it is a verified identity, else from the stack's sender in
 * the merchant's name; replies go to the support address; with the shopper's unsubscribe link in the footer and in
 * the List-Unsubscribe headers.
 */
public final class EmailDelivery implements Delivery {
    private final Gateways.EmailGateway gateway;
    private final MessageComposer composer;
    private final String defaultSender;

    /** @param defaultSender the stack's verified From address ({@code SENDER_EMAIL}) */
    public EmailDelivery(Gateways.EmailGateway gateway, MessageComposer composer, String defaultSender) {
        this.gateway = gateway;
        this.composer = composer;
        this.defaultSender = defaultSender;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean valid(String address) {
        return address != null && !address.isBlank() && MessageComposer.isValidEmail(address);
    }

    @Override
    public Optional<Instant> holdUntil(Instant now, ZoneId shopperZone) {
        return Optional.empty(); // an email waits in the inbox: no quiet hours
    }

    @Override
    public boolean optedOut(String address) {
        return false; // bounces and complaints reach the suppression list through SES events
    }

    @Override
    public String send(MessageContext ctx, String address) {
        return send(ctx, address, null);
    }

    @Override
    public String send(MessageContext ctx, String address, UnsubscribeLink unsubscribe) {
        return send(ctx, address, unsubscribe, Map.of());
    }

    @Override
    public String send(MessageContext ctx, String address, UnsubscribeLink unsubscribe, Map<String, String> tags) {
        MerchantSettings ms = ctx.settings();
        String replyTo = MessageComposer.isValidEmail(ms.replyToEmail()) ? ms.replyToEmail()
                : MessageComposer.isValidEmail(ms.supportEmail()) ? ms.supportEmail() : null;
        MessageComposer.Email message = composer.email(ctx, unsubscribe == null ? null : unsubscribe.pageUrl());
        String own = fromAddress(ctx, true);
        try {
            return gateway.send(own, address, mime(ctx, own, address, replyTo, message, unsubscribe), tags);
        } catch (Gateways.UnverifiedSender e) {
            // The merchant's own address is not (or no longer) a verified identity: the shopper still hears from
            // us, from the stack's sender, in the merchant's name.
            if (defaultSender.equals(own)) {
                throw e;
            }
            return gateway.send(defaultSender, address, mime(ctx, defaultSender, address, replyTo, message, unsubscribe),
                    tags);
        }
    }

    private byte[] mime(MessageContext ctx, String from, String to, String replyTo, MessageComposer.Email message,
                        UnsubscribeLink unsubscribe) {
        return MimeEmail.build(from, fromName(ctx), to, replyTo, message, ctx.locale(), unsubscribe,
                domainOf(defaultSender));
    }

    private String fromAddress(MessageContext ctx, boolean merchantsOwn) {
        String from = ctx.settings().fromEmail();
        return merchantsOwn && MessageComposer.isValidEmail(from) ? from : defaultSender;
    }

    /** The merchant's from name (else its display name), control characters stripped; MIME-encodes it. */
    private static String fromName(MessageContext ctx) {
        String fromName = ctx.settings().fromName();
        return MessageComposer.clean(fromName == null || fromName.isBlank() ? ctx.merchantName() : fromName);
    }

    /** The stack's sender domain receives the mailto unsubscribes (an SES receipt rule, docs/notifications.md). */
    private static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }
}
