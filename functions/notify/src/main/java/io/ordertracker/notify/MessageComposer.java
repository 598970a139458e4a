package io.ordertracker.notify;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MessageOverride;
import io.ordertracker.domain.notify.DelayNotice;
import io.ordertracker.texts.SmsEncoding;
import io.ordertracker.texts.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@link MessageContext} into an email (subject, HTML, plain text) or an SMS, in the shopper's language
 * ({@link Texts}: one key set for every channel, shared with the tracking page), with dates, times and numbers in
 * the shopper's locale and time zone. Templates are JMustache (resources under io/ordertracker/notify/templates).
 *
 * <p>What each milestone says: a greeting by name; the order number, what was ordered (up to {@link #MAX_ITEMS}
 * items, then "and N more") and the order date; carrier, tracking number and the carrier's own link; the expected
 * date while one means something (never once the parcel is delivered, returned, lost or cancelled, nor while it
 * waits for pickup or goes back to the shop); for delays the date given before, the new one and why; for exceptions
 * and pickups what happens next (where to collect it, "contact the carrier to rearrange", "the shop has been
 * told"); for deliveries when, who signed, and the merchant's review link. A merchant may replace the subject and
 * the intro line per milestone and language ({@link MessageOverride}).
 *
 * <p>Every merchant-, shopper- or carrier-supplied string is data: the HTML template escapes it, colours and URLs
 * are accepted only in their strict shapes (else the default is used), control characters are stripped everywhere.
 */
public final class MessageComposer {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern SAFE_URL = Pattern.compile("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?");
    private static final Pattern UNSUBSCRIBE_URL =
            Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\u2028\\u2029]");
    public static final int SMS_SEGMENT = SmsEncoding.GSM7_SEGMENT;
    /** Items listed by name; the rest are counted ("and 3 more items"). */
    public static final int MAX_ITEMS = 5;
    /** A merchant name in a text is cut to this many characters, so the message fits one segment. */
    static final int SMS_MERCHANT_MAX = 20;

    private final Template html;
    private final Template text;
    private final Template sms;
    private final Mustache.Compiler overrides = Mustache.compiler().escapeHTML(false).defaultValue("");

    public MessageComposer() {
        Mustache.Compiler escaping = Mustache.compiler().escapeHTML(true).defaultValue("");
        Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("");
        this.html = escaping.compile(resource("email.html.mustache"));
        this.text = plain.compile(resource("email.txt.mustache"));
        this.sms = plain.compile(resource("sms.mustache"));
    }

    public record Email(String subject, String html, String text) {
    }

    public Email email(MessageContext ctx) {
        return email(ctx, null);
    }

    /** @param unsubscribeUrl the shopper's preferences page at this merchant, linked from the
     *                       footer (built by the email delivery from the page's base URL); null: none */
    public Email email(MessageContext ctx, String unsubscribeUrl) {
        Map<String, Object> model = model(ctx);
        // built by us from the page's base URL, which is plain http only in the local runtime; still checked, so a
        // misconfigured base URL can never put markup or a script URL into the footer
        model.put("unsubscribeUrl", unsubscribeUrl != null && UNSUBSCRIBE_URL.matcher(unsubscribeUrl).matches()
                ? unsubscribeUrl : null);
        return new Email((String) model.get("subject"), html.execute(model), text.execute(model));
    }

    /**
     * A short text: one GSM-7 segment (160) where the language allows. Letters GSM-7 has are kept (é, ñ, ü, à, ß),
     * others lose their accent (á, ç, ã, ê), so no language falls to UCS-2's 70 characters; the merchant name is cut
     * to 20 characters; when the full wording would not fit, a shorter one of the same milestone is used.
     */
    public String sms(MessageContext ctx) {
        Texts t = Texts.forLocale(ctx.locale());
        Map<String, Object> model = new HashMap<>();
        // a text is not markup, but angle brackets in a sender name only ever mean mischief
        String merchant = SmsEncoding.toGsm7(clean(ctx.merchantName()).replaceAll("[<>]", "")).trim();
        if (merchant.length() > SMS_MERCHANT_MAX) {
            merchant = merchant.substring(0, SMS_MERCHANT_MAX).trim();
        }
        model.put("merchantName", merchant);
        model.put("trackingUrl", ctx.trackingUrl());
        String out = null;
        for (String candidate : smsTexts(ctx, t)) {
            model.put("smsText", candidate);
            // a text is not markup, but angle brackets in shop or carrier strings only ever mean mischief
            out = SmsEncoding.toGsm7(sms.execute(model).trim()).replaceAll("[<>]", "");
            if (SmsEncoding.segments(out) == 1) {
                return out;
            }
        }
        return out;
    }

    /** The wordings of a text, fullest first. */
    private static List<String> smsTexts(MessageContext ctx, Texts t) {
        Map<String, Object> args = new HashMap<>();
        args.put("orderNumber", clean(ctx.order().orderNumber()));
        List<String> out = new ArrayList<>();
        switch (ctx.milestone()) {
            case EXCEPTION -> {
                args.put("reason", t.get("reason." + reason(ctx).name()));
                out.add(t.format("sms.EXCEPTION", args));
                out.add(t.format("sms.EXCEPTION.short", args));
            }
            case DELAYED -> {
                DelayNotice delay = ctx.delay();
                if (delay != null && delay.newDate() != null) {
                    args.put("date", DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(t.locale())
                            .format(delay.newDate()));
                    out.add(t.format("sms.DELAYED.newDate", args));
                }
                out.add(t.format("sms.DELAYED", args));
            }
            case AVAILABLE_FOR_PICKUP -> {
                String place = pickupPlace(ctx);
                if (place != null) {
                    args.put("place", clip(place, 60));
                    out.add(t.format("sms.pickupAt", args));
                }
                out.add(t.format("sms.AVAILABLE_FOR_PICKUP", args));
            }
            default -> out.add(t.format("sms." + ctx.milestone().name(), args));
        }
        return out;
    }

    private Map<String, Object> model(MessageContext ctx) {
        Texts t = Texts.forLocale(ctx.locale());
        Locale locale = t.locale();
        ZoneId zone = ctx.zone();
        MerchantSettings settings = ctx.settings();
        Shipment shipment = ctx.shipment();
        Order order = ctx.order();
        Milestone milestone = ctx.milestone();
        DateTimeFormatter longDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        DateTimeFormatter dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale);

        Map<String, Object> m = new HashMap<>();
        String merchantName = clean(ctx.merchantName());
        String orderNumber = clean(order.orderNumber());
        String carrier = shipment == null ? null : shipment.carrier().displayName();
        String shopperName = order.customer() == null ? "" : clip(clean(order.customer().name()), 60);
        m.put("lang", locale.toLanguageTag());
        m.put("t", t.withPrefix("mail."));
        m.put("merchantName", merchantName);
        m.put("orderNumber", orderNumber);
        m.put("primaryColor", color(settings.primaryColor(), "#1f4e79"));
        m.put("accentColor", color(settings.accentColor(), "#f2a900"));
        m.put("onPrimaryColor", textOn((String) m.get("primaryColor")));
        m.put("onAccentColor", textOn((String) m.get("accentColor")));
        m.put("logoUrl", safeUrl(settings.logoUrl()));
        m.put("supportEmail", email(settings.supportEmail()));
        m.put("supportUrl", safeUrl(settings.supportUrl()));
        m.put("questions", t.format("mail.questions", Map.of("merchant", merchantName)));
        m.put("trackingUrl", ctx.trackingUrl());
        m.put("greeting", shopperName.isEmpty() ? t.get("greeting.anonymous")
                : t.format("greeting.named", Map.of("name", shopperName)));
        m.put("headline", t.get("headline." + milestone.name()));

        // the order: number, date, what was ordered
        if (order.createdAt() != null) {
            m.put("orderDate", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                    .format(order.createdAt().atZone(zone)));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (OrderItem item : order.items().stream().limit(MAX_ITEMS).toList()) {
            items.add(Map.of("line", t.format("mail.item",
                    Map.of("quantity", Math.max(1, item.quantity()), "name", clip(clean(item.name()), 120)))));
        }
        m.put("items", items);
        m.put("hasItems", !items.isEmpty());
        if (order.items().size() > MAX_ITEMS) {
            m.put("moreItems", t.format("mail.moreItems", Map.of("count", order.items().size() - MAX_ITEMS)));
        }

        // the parcel
        if (shipment != null) {
            String number = clean(shipment.trackingNumber());
            m.put("trackingNumber", number);
            m.put("carrierName", carrier);
            m.put("carrierUrl", shipment.carrier().publicTrackingUrl(URLEncoder.encode(number, StandardCharsets.UTF_8)));
            m.put("carrierLink", t.format("mail.carrierLink", Map.of("carrier", carrier)));
        }
        m.put("statusText", statusText(shipment, t));
        String expected = expectedDelivery(shipment, order.promisedDeliveryDate(), zone, t);
        m.put("latestEvent", latestEvent(ctx.latestEvent(), zone, locale));

        // what this milestone adds
        String shopName = merchantName.isEmpty() ? t.get("advice.theShop") : merchantName;
        String carrierName = carrier == null ? "" : carrier;
        switch (milestone) {
            case EXCEPTION -> {
                ExceptionReason reason = reason(ctx);
                m.put("reasonText", t.get("reason." + reason.name()));
                m.put("nextStep", nextStep(reason, shipment, t, shopName, carrierName));
            }
            case DELAYED -> {
                DelayNotice delay = ctx.delay();
                if (delay != null) {
                    List<String> why = new ArrayList<>();
                    if (delay.reason().isDelay()) {
                        why.add(t.get("reason." + delay.reason().name()));
                    }
                    if (delay.basis() != null && (delay.basis() != DelayNotice.Basis.CARRIER_REPORTED || why.isEmpty())) {
                        why.add(t.get("delay." + delay.basis().name()));
                    }
                    m.put("reasonText", String.join(" ", why));
                    if (delay.previousDate() != null) {
                        m.put("previousDate", longDate.format(delay.previousDate()));
                    }
                    if (delay.newDate() != null) {
                        expected = longDate.format(delay.newDate());
                        m.put("newDate", expected);
                    } else {
                        m.put("newDateUnknown", t.get("mail.newDateUnknown"));
                        expected = null;
                    }
                } else if (shipment != null && shipment.reason().isDelay()) {
                    m.put("reasonText", t.get("reason." + shipment.reason().name()));
                }
                m.put("nextStep", t.get("advice.delayed"));
            }
            case STALLED -> m.put("nextStep", t.get("advice.stalled", shopName, carrierName));
            case AVAILABLE_FOR_PICKUP -> {
                String place = pickupPlace(ctx);
                m.put("pickupPlace", place);
                m.put("pickupHours", t.format("mail.pickupHours", Map.of("carrier", carrierName)));
                m.put("nextStep", place == null ? t.get("advice.pickupNoPlace") : t.get("advice.pickup", place));
            }
            case DELIVERED -> {
                if (shipment != null && shipment.lastEventAt() != null) {
                    m.put("deliveredAt", dateTime.format(shipment.lastEventAt().atZone(zone)));
                }
                String signedBy = clean(ctx.signedBy());
                m.put("signedBy", signedBy.isEmpty() ? null : clip(signedBy, 80));
                m.put("reviewUrl", safeUrl(settings.reviewUrl()));
            }
            default -> { }
        }
        if (m.containsKey("newDate") || m.containsKey("newDateUnknown")) {
            m.put("expectedDelivery", null);
        } else {
            m.put("expectedDelivery", expected);
        }

        // subject and intro: the merchant's own for this milestone and language, else ours
        Map<String, Object> vars = new HashMap<>();
        vars.put("name", shopperName);
        vars.put("orderNumber", orderNumber);
        vars.put("merchant", merchantName);
        vars.put("carrier", carrierName);
        vars.put("trackingNumber", shipment == null ? "" : clean(shipment.trackingNumber()));
        vars.put("expectedDate", expected == null ? "" : expected);
        Optional<MessageOverride> own = settings.messageOverride(milestone, t.language());
        String subject = own.map(MessageOverride::subject).flatMap(s -> renderOverride(s, vars))
                .orElseGet(() -> t.format("subject." + milestone.name(), Map.of("merchant", merchantName,
                        "orderNumber", orderNumber)));
        String intro = own.map(MessageOverride::intro).flatMap(s -> renderOverride(s, vars))
                .orElseGet(() -> t.format("intro." + milestone.name(), Map.of("carrier", carrierName)));
        m.put("subject", clean(subject));
        m.put("intro", intro);
        return m;
    }

    /** A merchant template, validated on save; should a stored one still fail, ours is used. */
    private Optional<String> renderOverride(String template, Map<String, Object> vars) {
        if (template == null || MessageOverride.problem(template).isPresent()) {
            return Optional.empty();
        }
        try {
            String out = clean(overrides.compile(template).execute(vars));
            return out.isBlank() ? Optional.empty() : Optional.of(out);
        } catch (MustacheException e) {
            return Optional.empty();
        }
    }

    /**
     * The job's reason (its episode), else the parcel's, else what its status implies (as the milestone rules
     * reckon the episode: attempted → nobody home, returning, returned, failed → lost), else OTHER.
     */
    private static ExceptionReason reason(MessageContext ctx) {
        ExceptionReason r = ctx.reason();
        Shipment s = ctx.shipment();
        if ((r == null || r == ExceptionReason.NONE) && s != null) {
            r = s.reason();
            if (r == ExceptionReason.NONE) {
                r = switch (s.status()) {
                    case DELIVERY_ATTEMPTED -> ExceptionReason.RECIPIENT_UNAVAILABLE;
                    case RETURNING_TO_SENDER -> ExceptionReason.RETURNING;
                    case RETURNED_TO_SENDER -> ExceptionReason.RETURNED;
                    case FAILED -> ExceptionReason.LOST;
                    default -> ExceptionReason.NONE;
                };
            }
        }
        return r == null || r == ExceptionReason.NONE ? ExceptionReason.OTHER : r;
    }

    /** What happens next for a problem, in the words the tracking page uses ({@code advice.*}). */
    static String nextStep(ExceptionReason reason, Shipment shipment, Texts t, String shop, String carrier) {
        if (reason.isAttempt() || reason.isDelay() || t.has("advice." + reason.name())) {
            return t.get("advice." + reason.name(), shop, carrier);
        }
        if (shipment != null && shipment.status() == ShipmentStatus.DELIVERY_ATTEMPTED) {
            return t.get("advice.attempted", shop, carrier);
        }
        if (shipment != null && shipment.status() == ShipmentStatus.FAILED) {
            return t.get("advice.failed", shop, carrier);
        }
        return t.get("advice.OTHER", shop, carrier);
    }

    /** Where to collect a parcel waiting for pickup: the place of the carrier's pickup scan, as the carrier names it. */
    private static String pickupPlace(MessageContext ctx) {
        TrackingEvent e = ctx.latestEvent();
        if (e == null || e.status() != ShipmentStatus.AVAILABLE_FOR_PICKUP || e.location() == null) {
            return null;
        }
        String place = clip(clean(e.location()), 200);
        return place.isEmpty() ? null : place;
    }

    /** The status in words; "running late" / "no recent update" only while something can still arrive. */
    static String statusText(Shipment s, Texts t) {
        if (s == null) {
            return t.get("status.PENDING");
        }
        String base = t.get("status." + s.status().name());
        if (!s.status().isTerminal() && s.status() != ShipmentStatus.RETURNING_TO_SENDER) {
            if (s.delayed()) {
                base += " · " + t.get("label.delayed");
            } else if (s.stalled()) {
                base += " · " + t.get("label.stalled");
            }
        }
        return base;
    }

    /**
     * The expected delivery, or null when no date would be true: delivered, returned or returning, lost, cancelled,
     * no longer tracked, or waiting to be collected.
     */
    static String expectedDelivery(Shipment s, LocalDate promised, ZoneId zone, Texts t) {
        Locale locale = t.locale();
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        if (s != null && (s.status().isTerminal() || s.status() == ShipmentStatus.RETURNING_TO_SENDER
                || s.status() == ShipmentStatus.AVAILABLE_FOR_PICKUP)) {
            return null;
        }
        EstimatedDelivery eta = s == null ? null : s.estimatedDelivery();
        if (eta != null && eta.windowStart() != null && eta.windowEnd() != null) {
            DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
            var start = eta.windowStart().atZoneSameInstant(zone);
            var end = eta.windowEnd().atZoneSameInstant(zone);
            return t.format("mail.expectedWindow", Map.of("date", date.format(start), "start", time.format(start),
                    "end", time.format(end)));
        }
        if (eta != null && eta.date() != null) {
            return date.format(eta.date());
        }
        if (promised != null) {
            return date.format(promised);
        }
        return t.get("mail.expectedUnknown");
    }

    private static String latestEvent(TrackingEvent e, ZoneId zone, Locale locale) {
        if (e == null || e.description() == null || e.description().isBlank()) {
            return null;
        }
        StringBuilder out = new StringBuilder(clip(clean(e.description()), 200));
        if (e.location() != null && !e.location().isBlank()) {
            out.append(", ").append(clip(clean(e.location()), 100));
        }
        if (e.time() != null) {
            out.append(" (").append(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(locale).format(e.time().atZoneSameInstant(zone))).append(')');
        }
        return out.toString();
    }

    /** Strips control and format characters (line breaks, bidi overrides, zero-width joiners): never meaningful here. */
    static String clean(String s) {
        return s == null ? "" : CONTROL.matcher(s).replaceAll(" ").trim();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String color(String value, String fallback) {
        return value != null && COLOR.matcher(value).matches() ? value : fallback;
    }

    /**
     * Black or white text, whichever contrasts more with a merchant's colour (WCAG relative luminance), so a pale or
     * dark brand colour never makes the header or the button unreadable.
     */
    static String textOn(String hex) {
        String h = hex.substring(1);
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        int rgb = Integer.parseInt(h, 16);
        double l = 0.2126 * linear((rgb >> 16) & 0xff) + 0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
        return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#111111";
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static String safeUrl(String value) {
        return value != null && value.length() <= 2000 && SAFE_URL.matcher(value).matches() ? value : null;
    }

    static String email(String value) {
        return value != null && EMAIL.matcher(value).matches() ? value : null;
    }

    public static boolean isValidEmail(String value) {
        return email(value) != null;
    }

    /** {@link SmsEncoding#toGsm7}: what a text is sent as. */
    static String gsm7(String s) {
        return SmsEncoding.toGsm7(s);
    }

    public static boolean isGsm7(String s) {
        return SmsEncoding.encoding(s) == SmsEncoding.Encoding.GSM7;
    }

    private static String resource(String name) {
        try (InputStream in = MessageComposer.class.getResourceAsStream("templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
