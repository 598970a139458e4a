package io.ordertracker.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.merchants.MerchantSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Optional;

/**
 * Email through an {@link Gateways.EmailGateway} (SES): branded HTML and text, from the merchant's own address when
 * it is a verified identity, else from the stack's sender in the merchant's name; replies go to the support address.
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
        MerchantSettings ms = ctx.settings();
        String replyTo = MessageComposer.isValidEmail(ms.replyToEmail()) ? ms.replyToEmail()
                : MessageComposer.isValidEmail(ms.supportEmail()) ? ms.supportEmail() : null;
        MessageComposer.Email message = composer.email(ctx);
        try {
            return gateway.send(source(ctx, true), address, replyTo, message);
        } catch (Gateways.UnverifiedSender e) {
            // The merchant's own address is not (or no longer) a verified identity: the shopper still hears from
            // us, from the stack's sender, in the merchant's name.
            if (source(ctx, false).equals(source(ctx, true))) {
                throw e;
            }
            return gateway.send(source(ctx, false), address, replyTo, message);
        }
    }

    /** The display name is always MIME-encoded so that no merchant name can break the header. */
    private String source(MessageContext ctx, boolean merchantsOwn) {
        String from = ctx.settings().fromEmail();
        String address = merchantsOwn && MessageComposer.isValidEmail(from) ? from : defaultSender;
        String fromName = ctx.settings().fromName();
        String name = MessageComposer.clean(fromName == null || fromName.isBlank() ? ctx.merchantName() : fromName);
        if (name.isEmpty()) {
            return address;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "?= <" + address + ">";
    }
}
