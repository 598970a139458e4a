package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Languages;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MessageOverride;
import io.ordertracker.domain.notify.DelayNotice;
import io.ordertracker.texts.SmsEncoding;
import io.ordertracker.texts.Texts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every milestone's email and text in every language we write, with realistic (long) values: rendered completely
 * (no placeholder left), in that language, one SMS segment, hostile strings inert, no expected date once nothing
 * more will be delivered.
 */
class MessagesInEveryLanguageTest {
    static final Instant CREATED = Instant.parse("2026-11-14T18:20:00Z");
    static final Instant NOW = Instant.parse("2026-11-18T15:00:00Z");
    /** One locale per language we write, plus regions that fall back to one of them. */
    static final List<String> LOCALES = List.of("en-US", "es-ES", "de-DE", "fr-FR", "it-IT", "nl-NL", "pt-BR", "pt-PT",
            "es-MX", "de-AT");
    /** The longest realistic values a text must still carry in one segment. */
    static final String LONG_MERCHANT = "Northwind Coffee Roasters & Tea Company";
    static final String LONG_ORDER = "NW-2026-0001234567";
    static final String LONG_URL = "https://track.northwind-coffee.example/t/AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    static final String LONG_PLACE = "The UPS Store #4821, 1250 Market Street";

    private final MessageComposer composer = new MessageComposer();

    static MerchantSettings settings(String name, String reviewUrl, Map<Milestone, Map<String, MessageOverride>> overrides) {
        return new MerchantSettings(name, "https://cdn.northwind.example/logo.png", "#1f4e79", "#f2a900",
                "orders@northwind.example", "help@northwind.example", "https://northwind.example/help", null, 3, null,
                null, null, null, null, null, reviewUrl, overrides);
    }

    static Order order(String locale, String name, List<OrderItem> items, String orderNumber) {
        return new Order("m1", orderNumber, new Customer(name, "ada@example.com", "+12125550123", "America/New_York",
                locale), items, LocalDate.parse("2026-11-20"), CREATED, "h");
    }

    static List<OrderItem> items(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new OrderItem("Espresso cup no. " + i, i, "SKU" + i)).toList();
    }

    static Shipment shipment(ShipmentStatus status, ExceptionReason reason, boolean delayed) {
        return new Shipment("m1", LONG_ORDER, "shp_1", Carrier.UPS, "1Z5R89390357567127", "tok", status, reason,
                EstimatedDelivery.of(LocalDate.parse("2026-11-23"), EstimatedDelivery.Kind.SCHEDULED), delayed, false,
                NOW, NOW, null, true, CREATED, NOW, 1);
    }

    /** The status a milestone is usually sent at. */
    static ShipmentStatus statusOf(Milestone m) {
        return switch (m) {
            case ORDER_CONFIRMED -> ShipmentStatus.PENDING;
            case SHIPPED -> ShipmentStatus.INFO_RECEIVED;
            case IN_TRANSIT, DELAYED, STALLED -> ShipmentStatus.IN_TRANSIT;
            case OUT_FOR_DELIVERY -> ShipmentStatus.OUT_FOR_DELIVERY;
            case AVAILABLE_FOR_PICKUP -> ShipmentStatus.AVAILABLE_FOR_PICKUP;
            case DELIVERED -> ShipmentStatus.DELIVERED;
            case EXCEPTION -> ShipmentStatus.EXCEPTION;
        };
    }

    static MessageContext ctx(String locale, Milestone m, ExceptionReason reason, DelayNotice delay, MerchantSettings s,
                              Order order, TrackingEvent event) {
        Shipment shipment = m == Milestone.ORDER_CONFIRMED ? null
                : shipment(statusOf(m), reason, m == Milestone.DELAYED);
        Locale resolved = Languages.resolve(locale);
        return new MessageContext(new Merchant("m1", LONG_MERCHANT, s, CREATED), order, shipment, event, m, reason,
                LONG_URL, ZoneId.of("America/New_York"), resolved, delay, m == Milestone.DELIVERED ? "J. SMITH" : null);
    }

    static MessageContext realistic(String locale, Milestone m) {
        TrackingEvent event = new TrackingEvent(OffsetDateTime.parse("2026-11-18T09:30:00-05:00"), statusOf(m),
                ExceptionReason.NONE, "X", "Arrived at facility", m == Milestone.AVAILABLE_FOR_PICKUP ? LONG_PLACE : "Louisville, KY, US");
        return ctx(locale, m, m == Milestone.EXCEPTION ? ExceptionReason.NO_SAFE_PLACE : ExceptionReason.NONE,
                m == Milestone.DELAYED ? new DelayNotice(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-24"),
                        ExceptionReason.WEATHER, DelayNotice.Basis.CARRIER_REPORTED) : null,
                settings(LONG_MERCHANT, "https://northwind.example/review", null),
                order(locale, "Maximiliane Mustermann-Schulze", items(7), LONG_ORDER), event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "es-ES", "de-DE", "fr-FR", "it-IT", "nl-NL", "pt-BR", "pt-PT", "es-MX", "de-AT"})
    void everyMilestonesEmailRendersCompletelyInTheShoppersLanguage(String locale) {
        Texts t = Texts.forTags(locale);
        Texts english = Texts.forTags("en");
        for (Milestone m : Milestone.values()) {
            MessageComposer.Email email = composer.email(realistic(locale, m), "https://northwind.example/unsub?u=1");
            // the HTML's <style> block (dark mode) is the one place braces belong
            String htmlWithoutStyle = email.html().replaceAll("(?s)<style>.*?</style>", "");
            for (String part : List.of(email.subject(), email.text(), htmlWithoutStyle)) {
                assertThat(part).as(locale + " " + m).doesNotContain("{", "}").doesNotContainPattern("\\bnull\\b");
            }
            assertThat(email.html()).contains("<html lang=\"" + Languages.resolve(locale).toLanguageTag() + "\"");
            assertThat(email.text()).as(locale + " " + m)
                    .contains(t.get("headline." + m.name()), "Maximiliane Mustermann-Schulze", LONG_ORDER,
                            t.get("mail.order"), t.get("mail.items"), "Espresso cup no. 5", t.format("mail.moreItems", Map.of("count", 2)),
                            t.get("mail.unsubscribe"), "https://northwind.example/unsub?u=1")
                    .doesNotContain("Espresso cup no. 6");
            if (m != Milestone.ORDER_CONFIRMED) {
                assertThat(email.text()).contains("UPS", "1Z5R89390357567127",
                        "https://www.ups.com/track?tracknum=1Z5R89390357567127");
            }
            if (!t.language().equals("en")) {
                assertThat(email.subject()).as(locale + " " + m + " subject is not English")
                        .isNotEqualTo(english.format("subject." + m.name(), Map.of("merchant", LONG_MERCHANT, "orderNumber", LONG_ORDER)));
                for (String key : List.of("mail.order", "mail.items", "mail.status", "headline." + m.name())) {
                    if (!english.get(key).equals(t.get(key))) {
                        assertThat(email.text()).as(locale + " " + m + " " + key).doesNotContain(english.get(key) + ":");
                    }
                }
                assertThat(email.text()).doesNotContain("What you ordered", "Track your order", "Questions? Contact");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "es-ES", "de-DE", "fr-FR", "it-IT", "nl-NL", "pt-BR"})
    void datesFollowTheShoppersLocaleAndZone(String locale) {
        MessageComposer.Email email = composer.email(realistic(locale, Milestone.SHIPPED));
        Locale l = Languages.resolve(locale);
        String orderDate = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                .withLocale(l).format(CREATED.atZone(ZoneId.of("America/New_York")));
        String eta = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.FULL)
                .withLocale(l).format(LocalDate.parse("2026-11-23"));
        assertThat(email.text()).contains(orderDate, eta);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "es-ES", "de-DE", "fr-FR", "it-IT", "nl-NL", "pt-BR"})
    void everyTextIsOneSegmentForEveryMilestoneReasonAndDelay(String locale) {
        List<MessageContext> all = new ArrayList<>();
        for (Milestone m : Milestone.values()) {
            all.add(realistic(locale, m));
        }
        for (ExceptionReason r : ExceptionReason.values()) {
            all.add(ctx(locale, Milestone.EXCEPTION, r, null, settings(LONG_MERCHANT, null, null),
                    order(locale, "Ada", items(1), LONG_ORDER), null));
        }
        for (DelayNotice.Basis b : DelayNotice.Basis.values()) {
            all.add(ctx(locale, Milestone.DELAYED, ExceptionReason.NONE,
                    new DelayNotice(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-24"), ExceptionReason.CUSTOMS_CLEARANCE, b),
                    settings(LONG_MERCHANT, null, null), order(locale, "Ada", items(1), LONG_ORDER), null));
        }
        for (MessageContext c : all) {
            String sms = composer.sms(c);
            assertThat(SmsEncoding.encoding(sms)).as(locale + " " + c.milestone() + " " + c.reason() + ": " + sms)
                    .isEqualTo(SmsEncoding.Encoding.GSM7);
            assertThat(SmsEncoding.units(sms)).as(sms).isLessThanOrEqualTo(SmsEncoding.GSM7_SEGMENT);
            assertThat(SmsEncoding.segments(sms)).isEqualTo(1);
            assertThat(sms).startsWith("Northwind Coffee Roa: ").contains(LONG_ORDER).endsWith(LONG_URL)
                    .doesNotContain("{", "}");
        }
    }

    /**
     * GSM-7 or UCS-2, counted per language: English, German, Italian and Dutch texts are GSM-7 as written (their
     * accents are in GSM-7: ä ö ü ß à è é ì ò ù), so nothing is lost; Spanish, French and Portuguese use letters
     * outside it (á í ó ú, ç ê â, ã õ) and would drop to UCS-2's 70 characters, which no text with a link fits:
     * those are folded to GSM-7 (á → a, ç → c; é, ñ, à stay) to stay in one 160-character segment.
     */
    @Test
    void gsm7OrUcs2PerLanguage() {
        Map<String, SmsEncoding.Encoding> nativeEncoding = new TreeMap<>();
        Map<String, Integer> longestNative = new TreeMap<>();
        for (String language : Languages.SUPPORTED) {
            Texts t = Texts.forTags(language);
            SmsEncoding.Encoding worst = SmsEncoding.Encoding.GSM7;
            int longest = 0;
            for (String key : Texts.keys()) {
                if (!key.startsWith("sms.") && !key.startsWith("reason.")) {
                    continue;
                }
                String text = t.format(key, Map.of("orderNumber", LONG_ORDER, "reason", "", "date", "", "place", ""));
                if (SmsEncoding.encoding(text) == SmsEncoding.Encoding.UCS2) {
                    worst = SmsEncoding.Encoding.UCS2;
                }
                longest = Math.max(longest, text.length());
            }
            nativeEncoding.put(language, worst);
            longestNative.put(language, longest);
        }
        assertThat(nativeEncoding).containsEntry("en", SmsEncoding.Encoding.GSM7).containsEntry("de", SmsEncoding.Encoding.GSM7)
                .containsEntry("it", SmsEncoding.Encoding.GSM7).containsEntry("es", SmsEncoding.Encoding.UCS2)
                .containsEntry("fr", SmsEncoding.Encoding.UCS2).containsEntry("pt-BR", SmsEncoding.Encoding.UCS2)
                .containsEntry("nl", SmsEncoding.Encoding.GSM7);
        // a UCS-2 text with the page link cannot fit 70: that is why those languages are folded
        assertThat(LONG_URL.length() + longestNative.get("fr")).isGreaterThan(SmsEncoding.UCS2_SEGMENT);
        // German keeps its umlauts, Italian its accents; Spanish loses only what GSM-7 lacks
        assertThat(composer.sms(realistic("de-DE", Milestone.OUT_FOR_DELIVERY))).contains("Bestellung").contains("zugestellt");
        assertThat(composer.sms(realistic("de-DE", Milestone.ORDER_CONFIRMED))).contains("bestätigt");
        assertThat(composer.sms(realistic("es-ES", Milestone.IN_TRANSIT))).contains("esta en camino");
        assertThat(composer.sms(realistic("fr-FR", Milestone.DELIVERED))).contains("livrée");
        assertThat(composer.sms(realistic("pt-BR", Milestone.IN_TRANSIT))).contains("a caminho");
    }

    @ParameterizedTest
    @EnumSource(value = ShipmentStatus.class, names = {"RETURNED_TO_SENDER", "RETURNING_TO_SENDER", "DELIVERED", "FAILED",
            "CANCELLED", "EXPIRED"})
    void nothingTerminalShowsAnExpectedDateOrRunningLate(ShipmentStatus status) {
        for (String locale : List.of("en-US", "de-DE", "fr-FR")) {
            Texts t = Texts.forTags(locale);
            Shipment late = shipment(status, status == ShipmentStatus.RETURNED_TO_SENDER ? ExceptionReason.RETURNED
                    : ExceptionReason.NONE, true);
            MessageContext c = new MessageContext(new Merchant("m1", "Acme", settings("Acme", null, null), CREATED),
                    order(locale, "Ada", items(1), "A-1"), late, null,
                    status == ShipmentStatus.DELIVERED ? Milestone.DELIVERED : Milestone.EXCEPTION, late.reason(),
                    LONG_URL, ZoneId.of("UTC"), Languages.resolve(locale), null);
            MessageComposer.Email email = composer.email(c);
            for (String body : List.of(email.text(), email.html())) {
                assertThat(body).as(locale + " " + status).doesNotContain(t.get("mail.expected"), t.get("label.delayed"),
                        "(delayed)", "2026-11-23", java.time.format.DateTimeFormatter.ofLocalizedDate(
                                java.time.format.FormatStyle.FULL).withLocale(t.locale()).format(LocalDate.parse("2026-11-23")));
            }
        }
    }

    @Test
    void theReturnedToSenderEmailSaysWhatHappensNext() {
        Shipment returned = shipment(ShipmentStatus.RETURNED_TO_SENDER, ExceptionReason.RETURNED, true);
        MessageComposer.Email email = composer.email(new MessageContext(new Merchant("m1", "Acme", settings("Acme", null, null), CREATED),
                order("en-US", "Ada", items(1), "A-1"), returned, null, Milestone.EXCEPTION, ExceptionReason.RETURNED,
                LONG_URL, ZoneId.of("UTC"), Locale.US, null));
        assertThat(email.text()).contains("Status: Returned to the shop\n", "The parcel was returned to the sender.",
                "What happens next: The parcel went back to Acme. Acme has been told")
                .doesNotContain("Expected delivery", "Running late");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "es-ES", "de-DE", "fr-FR", "it-IT", "nl-NL", "pt-BR"})
    void everyReasonHasItsTextAndANextStepInEveryLanguage(String locale) {
        Texts t = Texts.forTags(locale);
        for (ExceptionReason r : ExceptionReason.values()) {
            if (r.isDelay()) {
                continue; // told as DELAYED (below)
            }
            MessageComposer.Email email = composer.email(ctx(locale, Milestone.EXCEPTION, r, null,
                    settings("Acme", null, null), order(locale, "Ada", items(1), "A-1"), null));
            ExceptionReason told = r == ExceptionReason.NONE ? ExceptionReason.OTHER : r;
            assertThat(email.text()).as(locale + " " + r).contains(t.get("reason." + told.name()), t.get("mail.nextStep") + ": ")
                    .doesNotContain("{");
            if (r.isAttempt()) {
                assertThat(email.text()).as("contact the carrier to rearrange").contains(t.get("advice." + r.name(), "Acme", "UPS"));
            }
        }
        for (ExceptionReason r : List.of(ExceptionReason.DAMAGED, ExceptionReason.LOST, ExceptionReason.REFUSED)) {
            assertThat(composer.email(ctx(locale, Milestone.EXCEPTION, r, null, settings("Acme", null, null),
                    order(locale, "Ada", items(1), "A-1"), null)).text()).as("the merchant has been told")
                    .contains(t.get("advice." + r.name(), "Acme", "UPS"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "es-ES", "de-DE", "fr-FR", "it-IT", "nl-NL", "pt-BR"})
    void delaysShowTheOldDateTheNewDateAndWhy(String locale) {
        Texts t = Texts.forTags(locale);
        Locale l = Languages.resolve(locale);
        var full = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.FULL).withLocale(l);
        for (ExceptionReason reason : List.of(ExceptionReason.WEATHER, ExceptionReason.CARRIER_DELAY, ExceptionReason.HIGH_VOLUME,
                ExceptionReason.MECHANICAL, ExceptionReason.CUSTOMS_CLEARANCE, ExceptionReason.NATURAL_DISASTER)) {
            DelayNotice notice = new DelayNotice(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-25"), reason,
                    DelayNotice.Basis.CARRIER_REPORTED);
            String text = composer.email(ctx(locale, Milestone.DELAYED, ExceptionReason.NONE, notice, settings("Acme", null, null),
                    order(locale, "Ada", items(1), "A-1"), null)).text();
            assertThat(text).as(locale + " " + reason).contains(t.get("mail.previousDate") + ": " + full.format(LocalDate.parse("2026-11-20")),
                    t.get("mail.newDate") + ": " + full.format(LocalDate.parse("2026-11-25")), t.get("reason." + reason.name()))
                    .doesNotContain(t.get("mail.expected") + ":");
        }
        DelayNotice behind = new DelayNotice(LocalDate.parse("2026-11-20"), null, ExceptionReason.NONE, DelayNotice.Basis.BEHIND_LANE);
        String text = composer.email(ctx(locale, Milestone.DELAYED, ExceptionReason.NONE, behind, settings("Acme", null, null),
                order(locale, "Ada", items(1), "A-1"), null)).text();
        assertThat(text).contains(t.get("delay.BEHIND_LANE"), t.get("mail.newDateUnknown"),
                full.format(LocalDate.parse("2026-11-20")));
        String sms = composer.sms(ctx(locale, Milestone.DELAYED, ExceptionReason.NONE,
                new DelayNotice(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-25"), ExceptionReason.WEATHER,
                        DelayNotice.Basis.ESTIMATE_MOVED), settings("Acme", null, null), order(locale, "Ada", items(1), "A-1"), null));
        assertThat(sms).contains("25");
    }

    @Test
    void itemsUpToFiveThenAndNMore() {
        String three = composer.email(ctx("en-US", Milestone.ORDER_CONFIRMED, ExceptionReason.NONE, null, settings("Acme", null, null),
                order("en-US", "Ada", items(3), "A-1"), null)).text();
        assertThat(three).contains("- 1 × Espresso cup no. 1\n- 2 × Espresso cup no. 2\n- 3 × Espresso cup no. 3\n")
                .doesNotContain("more item");
        String six = composer.email(ctx("en-US", Milestone.ORDER_CONFIRMED, ExceptionReason.NONE, null, settings("Acme", null, null),
                order("en-US", "Ada", items(6), "A-1"), null)).text();
        assertThat(six).contains("- 5 × Espresso cup no. 5\n  and 1 more item\n").doesNotContain("no. 6");
        String none = composer.email(ctx("en-US", Milestone.ORDER_CONFIRMED, ExceptionReason.NONE, null, settings("Acme", null, null),
                order("en-US", null, List.of(), "A-1"), null)).text();
        assertThat(none).contains("Hello,\n").doesNotContain("What you ordered");
        assertThat(six).contains("Hi Ada,\n", "Order date: November 14, 2026");
    }

    @Test
    void pickupAndDeliveryDetails() {
        MessageComposer.Email pickup = composer.email(realistic("en-US", Milestone.AVAILABLE_FOR_PICKUP));
        assertThat(pickup.text()).contains("Pickup location: " + LONG_PLACE + " (Opening hours are on the UPS website.)",
                "What happens next: Collect it at: " + LONG_PLACE).doesNotContain("Expected delivery");
        TrackingEvent atStore = new TrackingEvent(OffsetDateTime.parse("2026-11-18T09:30:00-05:00"),
                ShipmentStatus.AVAILABLE_FOR_PICKUP, ExceptionReason.NONE, "X", "Ready", "The UPS Store #4821");
        assertThat(composer.sms(ctx("en-US", Milestone.AVAILABLE_FOR_PICKUP, ExceptionReason.NONE, null,
                settings("Acme", null, null), order("en-US", "Ada", items(1), "A-1"), atStore)))
                .isEqualTo("Acme: order A-1 is ready for pickup at The UPS Store #4821. " + LONG_URL);
        assertThat(composer.sms(realistic("en-US", Milestone.AVAILABLE_FOR_PICKUP))).as("too long with the place: without it")
                .contains("is ready for pickup. https://");
        MessageComposer.Email delivered = composer.email(realistic("en-US", Milestone.DELIVERED));
        assertThat(delivered.text()).contains("Signed by: J. SMITH", "Delivered: Nov 18, 2026",
                "How did we do? Tell us about your order: https://northwind.example/review").doesNotContain("Expected delivery");
        MessageComposer.Email noUnsub = composer.email(realistic("en-US", Milestone.DELIVERED));
        assertThat(noUnsub.html()).doesNotContain("Unsubscribe");
    }

    @Test
    void merchantOverridesReplaceSubjectAndIntroPerMilestoneAndLanguageEscaped() {
        Map<Milestone, Map<String, MessageOverride>> overrides = new EnumMap<>(Milestone.class);
        overrides.put(Milestone.SHIPPED, Map.of(
                "fr", new MessageOverride("{{merchant}} — {{name}}, votre colis {{orderNumber}} arrive !", "Bonne nouvelle {{name}} : {{carrier}} l’a."),
                "en", new MessageOverride(null, "<b>Yay</b> {{name}}! Expected {{expectedDate}}.")));
        MerchantSettings s = settings("Acme", null, overrides);
        Order evilName = order("fr-FR", "<script>alert(1)</script>", items(1), "A-1");
        MessageComposer.Email fr = composer.email(ctx("fr-FR", Milestone.SHIPPED, ExceptionReason.NONE, null, s, evilName, null));
        assertThat(fr.subject()).isEqualTo("Acme — <script>alert(1)</script>, votre colis A-1 arrive !");
        assertThat(fr.html()).contains("Bonne nouvelle &lt;script&gt;alert(1)&lt;/script&gt; : UPS l’a.").doesNotContain("<script>");
        MessageComposer.Email en = composer.email(ctx("en-US", Milestone.SHIPPED, ExceptionReason.NONE, null, s,
                order("en-US", "Ada", items(1), "A-1"), null));
        assertThat(en.subject()).isEqualTo("Acme: your order A-1 has shipped");
        assertThat(en.text()).contains("<b>Yay</b> Ada! Expected Monday, November 23, 2026.");
        assertThat(en.html()).contains("&lt;b&gt;Yay&lt;/b&gt; Ada!").doesNotContain("<b>Yay");
        MessageComposer.Email de = composer.email(ctx("de-DE", Milestone.SHIPPED, ExceptionReason.NONE, null, s,
                order("de-DE", "Ada", items(1), "A-1"), null));
        assertThat(de.subject()).as("no German override: ours").isEqualTo("Acme: Ihre Bestellung A-1 wurde versandt");
    }

    @Test
    void hostileStringsInEveryMerchantShopperAndCarrierFieldRenderInert() {
        String evil = "<img src=x onerror=alert(1)>\"'&";
        MerchantSettings s = new MerchantSettings(evil, "javascript:alert(1)", "red;x", "#fff\"><", evil, evil, "javascript:x",
                null, 3, evil, evil, null, null, null, null, "https://x.example/\"><script>alert(2)</script>", null);
        Order order = new Order("m1", evil, new Customer(evil, "a@example.com", null, "UTC", "en-US"),
                List.of(new OrderItem(evil, 2, evil)), null, CREATED, "h");
        Shipment shipment = shipment(ShipmentStatus.AVAILABLE_FOR_PICKUP, ExceptionReason.NONE, false);
        TrackingEvent scan = new TrackingEvent(OffsetDateTime.parse("2026-11-18T09:30:00Z"), ShipmentStatus.AVAILABLE_FOR_PICKUP,
                ExceptionReason.NONE, evil, evil, evil);
        for (Milestone m : Milestone.values()) {
            MessageContext c = new MessageContext(new Merchant("m1", evil, s, CREATED), order,
                    m == Milestone.ORDER_CONFIRMED ? null : shipment, scan, m, ExceptionReason.ADDRESS_ISSUE, LONG_URL,
                    ZoneId.of("UTC"), Locale.US, new DelayNotice(null, null, null, DelayNotice.Basis.PAST_DUE), evil);
            MessageComposer.Email email = composer.email(c, "javascript:alert(3)");
            assertThat(email.html()).as(m.name()).doesNotContain("<img", "<script", "javascript:", "onerror=alert(1)>")
                    .contains("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;&#39;&amp;");
            assertThat(email.subject()).doesNotContain("\r", "\n");
            assertThat(composer.sms(c)).doesNotContain("<", ">");
        }
    }
}
