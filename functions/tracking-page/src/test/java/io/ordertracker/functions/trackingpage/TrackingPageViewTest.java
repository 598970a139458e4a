package io.ordertracker.functions.trackingpage;

import io.ordertracker.domain.merchants.Branding;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.orders.OrderService.ShipmentView;
import io.ordertracker.functions.trackingpage.TrackingPageView.ShipmentCard;
import io.ordertracker.functions.trackingpage.TrackingPageView.Step;
import io.ordertracker.functions.trackingpage.TrackingPageView.Tone;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrackingPageViewTest {
    private static final Instant T0 = Instant.parse("2026-11-18T12:00:00Z");
    private static final Merchant MERCHANT = new Merchant("m_1", "Northwind", MerchantSettings.defaults("Northwind"), T0);

    private static Order order(String locale, String zone) {
        return new Order("m_1", "1001", new Customer("Ada", "ada@example.com", "+15555550123", zone, locale),
                List.of(), LocalDate.parse("2026-11-24"), T0, "h");
    }

    private static Shipment shipment(ShipmentStatus status, ExceptionReason reason, EstimatedDelivery eta,
                                     boolean delayed, Instant lastEventAt) {
        return new Shipment("m_1", "1001", "shp_a", Carrier.UPS, "1Z5R89390357567127", "tok", status, reason, eta,
                delayed, false, lastEventAt, lastEventAt, null, true, T0, T0, 1);
    }

    private static TrackingEvent event(String time, ShipmentStatus status, String place) {
        return new TrackingEvent(OffsetDateTime.parse(time), status, null, "X", status.name(), place);
    }

    private static ShipmentCard card(Shipment s, List<TrackingEvent> events, String locale) {
        return TrackingPageView.of(Optional.of(MERCHANT), order(locale, "America/New_York"),
                List.of(new ShipmentView(s, events)), s.shipmentId()).shipments().get(0);
    }

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void everyStatusHasWordsAToneAnIconAndExactlyOneCurrentStep(ShipmentStatus status) {
        ShipmentCard c = card(shipment(status, ExceptionReason.NONE, null, false, T0), List.of(), "en-US");
        assertThat(c.statusLabel()).isNotBlank();
        assertThat(c.statusSentence()).isNotBlank();
        assertThat(c.iconSvg()).startsWith("<svg").contains("aria-hidden=\"true\"");
        assertThat(c.steps()).hasSize(5).filteredOn(TrackingPageView.StepView::current).hasSize(1);
        assertThat(c.steps().stream().map(TrackingPageView.StepView::state))
                .containsSubsequence("current").endsWith(status == ShipmentStatus.DELIVERED ? "current" : "todo");
    }

    @Test
    void coloursFollowTheIssue() {
        assertThat(TrackingPageView.tone(ShipmentStatus.DELIVERED)).isEqualTo(Tone.SUCCESS);
        assertThat(TrackingPageView.tone(ShipmentStatus.IN_TRANSIT)).isEqualTo(Tone.PROGRESS);
        assertThat(TrackingPageView.tone(ShipmentStatus.OUT_FOR_DELIVERY)).isEqualTo(Tone.PROGRESS);
        assertThat(TrackingPageView.tone(ShipmentStatus.EXCEPTION)).isEqualTo(Tone.PROBLEM);
        assertThat(TrackingPageView.tone(ShipmentStatus.DELIVERY_ATTEMPTED)).isEqualTo(Tone.PROBLEM);
        assertThat(TrackingPageView.tone(ShipmentStatus.RETURNED_TO_SENDER)).isEqualTo(Tone.PROBLEM);
    }

    @Test
    void offPathStatusesKeepTheFurthestStepTheScansReached() {
        List<TrackingEvent> reachedDoor = List.of(
                event("2026-11-20T11:00:00-05:00", ShipmentStatus.EXCEPTION, "Brooklyn"),
                event("2026-11-20T08:00:00-05:00", ShipmentStatus.OUT_FOR_DELIVERY, "Brooklyn"),
                event("2026-11-19T08:00:00-05:00", ShipmentStatus.IN_TRANSIT, "Louisville"));
        assertThat(TrackingPageView.currentStep(ShipmentStatus.EXCEPTION, reachedDoor)).isEqualTo(Step.OUT_FOR_DELIVERY);
        assertThat(TrackingPageView.currentStep(ShipmentStatus.EXCEPTION, List.of())).isEqualTo(Step.IN_TRANSIT);
        assertThat(TrackingPageView.currentStep(ShipmentStatus.UNKNOWN, List.of())).isEqualTo(Step.ORDERED);
        assertThat(TrackingPageView.currentStep(ShipmentStatus.INFO_RECEIVED, List.of())).isEqualTo(Step.SHIPPED);
    }

    @Test
    void pickupNamesThePlaceAndRelabelsTheStep() {
        ShipmentCard c = card(shipment(ShipmentStatus.AVAILABLE_FOR_PICKUP, ExceptionReason.NONE, null, false, T0),
                List.of(event("2026-11-20T10:00:00-05:00", ShipmentStatus.AVAILABLE_FOR_PICKUP, "Access Point, 75 Court St")),
                "en-US");
        assertThat(c.advice().place()).isEqualTo("Access Point, 75 Court St");
        assertThat(c.advice().text()).contains("Collect it at: Access Point, 75 Court St");
        assertThat(c.steps().get(3).label()).isEqualTo("Ready for pickup");
        assertThat(c.currentStep()).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(c.eta()).as("no delivery date for a parcel waiting to be collected").isNull();
    }

    @Test
    void addressProblemsSendTheShopperToTheMerchant() {
        ShipmentCard c = card(shipment(ShipmentStatus.EXCEPTION, ExceptionReason.ADDRESS_ISSUE, null, false, T0),
                List.of(), "en-US");
        assertThat(c.advice().text()).contains("contact Northwind");
        assertThat(c.tone()).isEqualTo("PROBLEM");
    }

    @Test
    void deliveredShowsWhenInTheShoppersZoneAndDropsTheDelayFlag() {
        ShipmentCard c = card(shipment(ShipmentStatus.DELIVERED, ExceptionReason.NONE, null, true,
                Instant.parse("2026-11-21T03:30:00Z")), List.of(), "en-US");
        // 03:30 UTC on the 21st is still the evening of the 20th in New York.
        assertThat(c.eta().text()).startsWith("Friday, November 20, 2026").contains("10:30");
        assertThat(c.eta().source()).isEqualTo("delivered");
        assertThat(c.delayed()).isFalse();
        assertThat(c.advice()).isNull();
    }

    @Test
    void aCarrierDateIsNeverShiftedAndThePromiseIsTheFallback() {
        ShipmentCard carrier = card(shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE,
                EstimatedDelivery.of(LocalDate.parse("2026-11-23"), EstimatedDelivery.Kind.SCHEDULED), true, T0),
                List.of(), "de-DE");
        assertThat(carrier.eta().text()).isEqualTo("Montag, 23. November 2026");
        assertThat(carrier.statusLabel()).isEqualTo("Unterwegs");
        assertThat(carrier.delayed()).isTrue();
        ShipmentCard promise = card(shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, null, false, T0),
                List.of(), "fr-FR");
        assertThat(promise.eta().source()).isEqualTo("merchant");
        assertThat(promise.eta().text()).isEqualTo("mardi 24 novembre 2026");
        ShipmentCard unspoken = card(shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, null, false, T0),
                List.of(), "fi-FI");
        assertThat(unspoken.eta().text()).as("a language we do not write: English throughout")
                .isEqualTo("Tuesday, November 24, 2026");
    }

    @Test
    void unknownLanguageAndZoneFallBackToEnglishAndUtc() {
        TrackingPageView view = TrackingPageView.of(Optional.empty(), order("xx-YY", "Mars/Olympus"),
                List.of(), "none");
        assertThat(view.lang()).isEqualTo("en-US");
        assertThat(view.timeZone()).isEqualTo("Z");
        assertThat(view.brand().primaryColor()).isEqualTo(Branding.DEFAULT_PRIMARY);
    }

    @Test
    void brandingDropsAnythingThatIsNotPlainlySafe() {
        assertThat(Branding.color("#ABC", "#000000")).isEqualTo("#aabbcc");
        assertThat(Branding.color("#123456", "#000000")).isEqualTo("#123456");
        assertThat(Branding.color("red", "#000000")).isEqualTo("#000000");
        assertThat(Branding.color("#fff;}body{display:none", "#000000")).isEqualTo("#000000");
        assertThat(Branding.httpsUrl("https://cdn.example/logo.png")).isEqualTo("https://cdn.example/logo.png");
        assertThat(Branding.httpsUrl("http://cdn.example/logo.png")).isNull();
        assertThat(Branding.httpsUrl("javascript:alert(1)")).isNull();
        assertThat(Branding.httpsUrl("https://user:pw@cdn.example/")).isNull();
        assertThat(Branding.httpsUrl("//cdn.example/x")).isNull();
        assertThat(Branding.email("help@shop.example")).isEqualTo("help@shop.example");
        assertThat(Branding.email("a@b.c\"><script>")).isNull();
    }

    @Test
    void textOnTheBrandColourAlwaysContrasts() {
        assertThat(Branding.onColor("#1f4e79")).isEqualTo("#ffffff");
        assertThat(Branding.onColor("#ffeb3b")).isEqualTo("#111111");
        assertThat(Branding.onColor("#ffffff")).isEqualTo("#111111");
        assertThat(Branding.contrast("#777777", Branding.onColor("#777777"))).isLessThan(4.5);
        for (String raw : List.of("#1f4e79", "#ffeb3b", "#777777", "#ff0000", "#00ff00", "#0000ff", "#f2a900", "#808080")) {
            String c = Branding.readable(raw);
            assertThat(Branding.contrast(c, Branding.onColor(c))).as(raw).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(Branding.readable("#1f4e79")).isEqualTo("#1f4e79");
        Merchant grey = new Merchant("m", "Grey", new MerchantSettings("Grey", null, "#777777", null, null, null, null,
                null, 3), T0);
        assertThat(Branding.of(Optional.of(grey)).primaryColor()).isNotEqualTo("#777777");
    }

    /** Every language of the shared key set renders every status and reason; nothing is left as a placeholder. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"en-US", "es-MX", "de-AT", "fr-FR", "it-IT", "nl-NL", "pt-BR", "pt-PT"})
    void everyLanguageRendersEveryStatusAndReason(String locale) {
        for (ShipmentStatus status : ShipmentStatus.values()) {
            for (ExceptionReason reason : ExceptionReason.values()) {
                ShipmentCard c = card(shipment(status, reason, null, true, T0),
                        List.of(event("2026-11-20T10:00:00-05:00", status, "Access Point")), locale);
                for (String text : new String[] {c.statusLabel(), c.statusSentence(),
                        c.advice() == null ? "" : c.advice().text(), c.advice() == null ? "" : c.advice().title()}) {
                    assertThat(text).as(locale + " " + status + " " + reason).doesNotContain("{", "}");
                }
            }
        }
        TrackingPageView view = TrackingPageView.of(Optional.of(MERCHANT), order(locale, "Europe/Paris"),
                List.of(new ShipmentView(shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, null, false, T0),
                        List.of())), "shp_a");
        for (String used : List.of("pageTitle", "carrier", "trackingNumber", "carrierLink", "progress", "history",
                "noEvents", "delayed", "stalled", "stopped", "contact", "currentStep")) {
            assertThat(view.labels().get(used)).as(locale + " " + used).isNotBlank().doesNotContain("{");
        }
        for (String text : List.of(view.title(), view.timesIn(), view.logoAlt())) {
            assertThat(text).as(locale).doesNotContain("{", "}");
        }
        if (!locale.startsWith("en")) {
            assertThat(view.labels().get("pageTitle")).as(locale).isNotEqualTo("Track your order");
        }
        assertThat(view.lang()).isEqualTo(locale);
    }

    @org.junit.jupiter.api.Test
    void aLocaleInAnotherLanguageFallsToTheMerchantsDefaultThenEnglish() {
        Merchant french = new Merchant("m_1", "Northwind", new MerchantSettings("Northwind", null, null, null, null, null,
                null, null, 3, null, null, null, null, "fr", null, null), T0);
        Shipment s = shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, null, false, T0);
        assertThat(TrackingPageView.of(Optional.of(french), order("ja-JP", "Asia/Tokyo"), List.of(new ShipmentView(s, List.of())),
                "shp_a").labels().get("pageTitle")).isEqualTo("Suivre votre commande");
        assertThat(TrackingPageView.of(Optional.of(MERCHANT), order("ja-JP", "Asia/Tokyo"), List.of(new ShipmentView(s, List.of())),
                "shp_a").lang()).isEqualTo("en-US");
    }

    @Test
    void contentNegotiationAndEtags() {
        assertThat(PageResponses.prefersJson("application/json")).isTrue();
        assertThat(PageResponses.prefersJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isFalse();
        assertThat(PageResponses.prefersJson("application/json, text/html;q=0.5")).isTrue();
        assertThat(PageResponses.prefersJson("text/html, application/json;q=0.9")).isFalse();
        assertThat(PageResponses.prefersJson("*/*")).isFalse();
        assertThat(PageResponses.prefersJson(null)).isFalse();
        assertThat(PageResponses.matches("W/\"abc\", \"def\"", "\"abc\"")).isTrue();
        assertThat(PageResponses.matches("\"xyz\"", "\"abc\"")).isFalse();
        assertThat(PageResponses.etag("text/html", "a")).isNotEqualTo(PageResponses.etag("application/json", "a"));
        assertThat(PageResponses.preferredLanguage("de-CH, de;q=0.9")).isEqualTo("de-CH");
        assertThat(PageResponses.preferredLanguage("<x>")).isNull();
    }
}
