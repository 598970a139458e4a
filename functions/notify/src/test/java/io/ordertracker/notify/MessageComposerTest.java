package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessageComposerTest {
    private static final Instant NOW = Instant.parse("2026-11-16T15:00:00Z");
    private final MessageComposer composer = new MessageComposer();

    static Merchant merchant(MerchantSettings settings) {
        return new Merchant("m1", "Acme Outfitters", settings, NOW);
    }

    static MerchantSettings branding() {
        return new MerchantSettings("Acme Outfitters", "https://cdn.acme.example/logo.png", "#112233", "#ffcc00",
                "orders@acme.example", "help@acme.example", "https://acme.example/help", null, 3);
    }

    static Order order(String zone, String locale) {
        return new Order("m1", "A-1001", new Customer("Ada", "ada@example.com", "+12125550123", zone, locale),
                List.of(), LocalDate.parse("2026-11-20"), NOW, "h");
    }

    static Shipment shipment(ShipmentStatus status) {
        return new Shipment("m1", "A-1001", "shp_1", Carrier.UPS, "1Z5R89390357567127", "tok123", status,
                ExceptionReason.NONE, EstimatedDelivery.of(LocalDate.parse("2026-11-19"), EstimatedDelivery.Kind.SCHEDULED),
                false, false, NOW, NOW, null, true, NOW, NOW, 1);
    }

    private MessageContext ctx(Merchant merchant, Order order, Shipment shipment, TrackingEvent event, Milestone m,
                               ExceptionReason reason) {
        return new MessageContext(merchant, order, shipment, event, m, reason, "https://track.example/t/tok123",
                ZoneId.of(order.customer().timeZone()), Locale.forLanguageTag(order.customer().locale()), null);
    }

    @Test
    void everyEmailCarriesOrderTrackingLinkStatusEtaAndContact() {
        var email = composer.email(ctx(merchant(branding()), order("America/New_York", "en-US"),
                shipment(ShipmentStatus.OUT_FOR_DELIVERY), null, Milestone.OUT_FOR_DELIVERY, ExceptionReason.NONE));
        assertThat(email.subject()).isEqualTo("Acme Outfitters: your order A-1001 is out for delivery");
        for (String body : List.of(email.html(), email.text())) {
            assertThat(body).contains("A-1001", "1Z5R89390357567127", "https://track.example/t/tok123",
                    "Out for delivery", "Thursday, November 19, 2026", "help@acme.example");
        }
        assertThat(email.html()).contains("background-color:#112233", "src=\"https://cdn.acme.example/logo.png\"");
        assertThat(email.text()).doesNotContain("<");
    }

    @Test
    void datesFollowTheShoppersZoneAndLocale() {
        TrackingEvent scan = new TrackingEvent(OffsetDateTime.parse("2026-11-17T03:30:00Z"), ShipmentStatus.IN_TRANSIT,
                ExceptionReason.NONE, "I", "Arrived at facility", "Köln, DE");
        var de = composer.email(ctx(merchant(branding()), order("Europe/Berlin", "de-DE"),
                shipment(ShipmentStatus.IN_TRANSIT), scan, Milestone.SHIPPED, ExceptionReason.NONE));
        assertThat(de.text()).contains("Donnerstag, 19. November 2026").contains("17.11.2026, 04:30");
        var us = composer.email(ctx(merchant(branding()), order("America/Los_Angeles", "en-US"),
                shipment(ShipmentStatus.IN_TRANSIT), scan, Milestone.SHIPPED, ExceptionReason.NONE));
        assertThat(us.text()).contains("Nov 16, 2026, 7:30").contains("Thursday, November 19, 2026");
    }

    @Test
    void hostileMerchantAndCarrierStringsRenderInert() {
        MerchantSettings evil = new MerchantSettings("<script>alert(1)</script> & \"Co\"\r\nBcc: victim@example.com",
                "javascript:alert(1)", "red;background:url(javascript:alert(1))", "#fff\"><script>",
                "x@y.com\r\nBcc: z@z.com", "x@y.com\"><img src=x onerror=alert(1)>", "javascript:alert(2)", null, 3);
        TrackingEvent scan = new TrackingEvent(OffsetDateTime.parse("2026-11-17T03:30:00Z"), ShipmentStatus.EXCEPTION,
                ExceptionReason.ADDRESS_ISSUE, "X1", "<img src=x onerror=alert(3)>", "</td></tr><script>alert(4)</script>");
        var email = composer.email(ctx(merchant(evil), order("America/New_York", "en-US"),
                shipment(ShipmentStatus.EXCEPTION), scan, Milestone.EXCEPTION, ExceptionReason.ADDRESS_ISSUE));
        assertThat(email.html()).doesNotContain("<script", "<img src=x", "javascript:", "onerror=alert(1)>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src",
                        "background-color:#1f4e79", "background-color:#f2a900");
        assertThat(email.html()).doesNotContain("mailto:x@y.com\"");
        assertThat(email.subject()).doesNotContain("\r", "\n");
        assertThat(email.html()).contains("The carrier has a problem with the delivery address.");
    }

    @Test
    void smsIsOneGsm7SegmentWithTheLink() {
        MerchantSettings accented = new MerchantSettings("Café Müller – Feinkost & Geschenke GmbH", null, null, null,
                null, null, null, null, 3);
        String sms = composer.sms(ctx(merchant(accented), order("America/New_York", "en-US"),
                shipment(ShipmentStatus.EXCEPTION), null, Milestone.EXCEPTION, ExceptionReason.RECIPIENT_UNAVAILABLE));
        assertThat(sms).hasSizeLessThanOrEqualTo(MessageComposer.SMS_SEGMENT).contains("A-1001")
                .endsWith("https://track.example/t/tok123");
        assertThat(MessageComposer.isGsm7(sms)).isTrue();
        assertThat(sms).startsWith("Café Müller - Feinko: order A-1001");
    }

    @Test
    void aDelayedMessageSaysTheOldDateTheNewDateAndWhy() {
        Order order = order("America/New_York", "en-US");
        var notice = new io.ordertracker.domain.notify.DelayNotice(LocalDate.parse("2026-11-19"),
                LocalDate.parse("2026-11-21"), ExceptionReason.WEATHER,
                io.ordertracker.domain.notify.DelayNotice.Basis.CARRIER_REPORTED);
        MessageContext late = new MessageContext(merchant(branding()), order, shipment(ShipmentStatus.IN_TRANSIT), null,
                Milestone.DELAYED, ExceptionReason.WEATHER, "https://track.example/t/tok123",
                ZoneId.of("America/New_York"), Locale.US, notice);
        var email = composer.email(late);
        assertThat(email.text()).contains("Previously expected: Thursday, November 19, 2026")
                .contains("Now expected: Saturday, November 21, 2026")
                .contains("Weather is delaying the delivery.");
        assertThat(email.html()).contains("<s>Thursday, November 19, 2026</s>")
                .contains("<strong>Saturday, November 21, 2026</strong>").contains("Weather is delaying the delivery.");
        String sms = composer.sms(late);
        assertThat(sms).contains("is running late, now expected").contains("21");
        assertThat(sms.length()).isLessThanOrEqualTo(MessageComposer.SMS_SEGMENT);

        var noDate = new io.ordertracker.domain.notify.DelayNotice(LocalDate.parse("2026-11-19"), null,
                ExceptionReason.NONE, io.ordertracker.domain.notify.DelayNotice.Basis.PAST_DUE);
        MessageContext pastDue = new MessageContext(merchant(branding()), order, shipment(ShipmentStatus.IN_TRANSIT), null,
                Milestone.DELAYED, ExceptionReason.NONE, null, ZoneId.of("America/New_York"), Locale.US, noDate);
        assertThat(composer.email(pastDue).text()).contains("Previously expected: Thursday, November 19, 2026")
                .contains("The carrier has not given a new date yet.").doesNotContain("Now expected: Saturday");
        assertThat(composer.sms(pastDue)).contains("is running late.");
    }
}
