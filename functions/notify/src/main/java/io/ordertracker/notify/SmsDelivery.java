package io.ordertracker.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.notify.QuietHours;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Text messages through an {@link Gateways.SmsGateway} (SNS): E.164 numbers only, never in the shopper's quiet hours. */
public final class SmsDelivery implements Delivery {
    private final Gateways.SmsGateway gateway;
    private final MessageComposer composer;
    private final QuietHours quietHours;

    public SmsDelivery(Gateways.SmsGateway gateway, MessageComposer composer, QuietHours quietHours) {
        this.gateway = gateway;
        this.composer = composer;
        this.quietHours = quietHours;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean valid(String address) {
        return address != null && address.matches("\\+[1-9][0-9]{6,14}");
    }

    @Override
    public Optional<Instant> holdUntil(Instant now, ZoneId shopperZone) {
        return quietHours.deferUntil(now, shopperZone);
    }

    /** The merchant's own quiet hours when it set them, else the stack's. */
    @Override
    public Optional<Instant> holdUntil(Instant now, ZoneId shopperZone, MerchantSettings merchant) {
        return merchant.quietHoursRule().orElse(quietHours).deferUntil(now, shopperZone);
    }

    @Override
    public boolean optedOut(String address) {
        return gateway.optedOut(address);
    }

    @Override
    public String send(MessageContext ctx, String address) {
        return gateway.send(address, composer.sms(ctx));
    }
}
