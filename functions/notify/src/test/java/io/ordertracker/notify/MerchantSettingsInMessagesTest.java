package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.notify.QuietHours;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings a merchant saves through the API change the next message: review link, quiet hours. */
class MerchantSettingsInMessagesTest {
    private final MessageComposer composer = new MessageComposer();

    private static MerchantSettings withReviewAndQuietHours(String reviewUrl, String quietHours) {
        return new MerchantSettings("Acme Outfitters", null, null, null, null, "help@acme.example", null, null, 3,
                null, null, quietHours, Map.of(), null, null, reviewUrl);
    }

    private MessageComposer.Email email(MerchantSettings settings, Milestone milestone, ShipmentStatus status) {
        return composer.email(new MessageContext(MessageComposerTest.merchant(settings),
                MessageComposerTest.order("America/New_York", "en-US"), MessageComposerTest.shipment(status), null,
                milestone, ExceptionReason.NONE, "https://track.example/t/tok123", ZoneId.of("America/New_York"),
                Locale.US, null));
    }

    @Test
    void theDeliveredEmailAsksForAReviewWhenTheMerchantSetALink() {
        var delivered = email(withReviewAndQuietHours("https://acme.example/review?o=1&x=2", null), Milestone.DELIVERED,
                ShipmentStatus.DELIVERED);
        assertThat(delivered.text()).contains("https://acme.example/review?o=1&x=2");
        assertThat(delivered.html()).contains("href=\"https://acme.example/review?o&#x3D;1&amp;x&#x3D;2\"");

        var shipped = email(withReviewAndQuietHours("https://acme.example/review", null), Milestone.SHIPPED,
                ShipmentStatus.IN_TRANSIT);
        assertThat(List.of(shipped.text(), shipped.html())).noneMatch(b -> b.contains("acme.example/review"));
        var noLink = email(withReviewAndQuietHours(null, null), Milestone.DELIVERED, ShipmentStatus.DELIVERED);
        assertThat(noLink.text()).doesNotContain("How did we do");
    }

    @Test
    void aMerchantsQuietHoursReplaceTheStacksForTexts() {
        SmsDelivery sms = new SmsDelivery(null, composer, QuietHours.DEFAULT);
        ZoneId ny = ZoneId.of("America/New_York");
        Instant sevenThirtyAm = Instant.parse("2026-11-17T12:30:00Z");
        assertThat(sms.holdUntil(sevenThirtyAm, ny, withReviewAndQuietHours(null, null)))
                .as("stack default 21:00-08:00").contains(Instant.parse("2026-11-17T13:00:00Z"));
        assertThat(sms.holdUntil(sevenThirtyAm, ny, withReviewAndQuietHours(null, "22:00-07:00"))).isEmpty();
        Instant tenThirtyPm = Instant.parse("2026-11-18T03:30:00Z");
        assertThat(sms.holdUntil(tenThirtyPm, ny, withReviewAndQuietHours(null, "22:00-07:00")))
                .contains(Instant.parse("2026-11-18T12:00:00Z"));
    }
}
