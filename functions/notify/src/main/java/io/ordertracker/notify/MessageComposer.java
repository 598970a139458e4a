package io.ordertracker.notify;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.MerchantSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link MessageContext} into an email (subject, HTML, plain text) or an SMS, through JMustache templates
 * (resources under io/ordertracker/notify/templates). Every merchant- or carrier-supplied string is data: the HTML
 * template escapes it, colours and URLs are accepted only in their strict shapes (else the default is used),
 * control characters are stripped everywhere, so hostile branding or scan text renders inert.
 */
public final class MessageComposer {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern SAFE_URL = Pattern.compile("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\u2028\\u2029]");
    /** The GSM 03.38 basic set: text in it fits 160 characters per SMS segment, anything else drops to 70. */
    private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    public static final int SMS_SEGMENT = 160;

    private final Template html;
    private final Template text;
    private final Template sms;

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

    /** @param unsubscribeUrl the shopper's preferences page at this merchant, linked from the footer; null: none */
    public Email email(MessageContext ctx, String unsubscribeUrl) {
        Map<String, Object> model = model(ctx);
        model.put("unsubscribeUrl", unsubscribeUrl);
        return new Email((String) model.get("subject"), html.execute(model), text.execute(model));
    }

    /** A short text: one GSM-7 segment where the content allows (merchant name shortened, accents folded). */
    public String sms(MessageContext ctx) {
        Map<String, Object> model = model(ctx);
        // a text is not markup, but angle brackets in a sender name only ever mean mischief
        String merchant = gsm7(clean(ctx.merchantName()).replaceAll("[<>]", "")).trim();
        if (merchant.length() > 20) {
            merchant = merchant.substring(0, 20).trim();
        }
        model.put("merchantName", merchant);
        model.put("smsText", gsm7(smsText(ctx)));
        String out = sms.execute(model).trim();
        if (out.length() > SMS_SEGMENT) {
            model.put("smsText", gsm7(shortSmsText(ctx)));
            out = sms.execute(model).trim();
        }
        return out;
    }

    private Map<String, Object> model(MessageContext ctx) {
        MerchantSettings settings = ctx.settings();
        Shipment shipment = ctx.shipment();
        Locale locale = ctx.locale();
        Map<String, Object> m = new HashMap<>();
        String merchantName = clean(ctx.merchantName());
        String orderNumber = clean(ctx.order().orderNumber());
        m.put("lang", locale.toLanguageTag());
        m.put("merchantName", merchantName);
        m.put("orderNumber", orderNumber);
        m.put("primaryColor", color(settings.primaryColor(), "#1f4e79"));
        m.put("accentColor", color(settings.accentColor(), "#f2a900"));
        m.put("onPrimaryColor", textOn((String) m.get("primaryColor")));
        m.put("onAccentColor", textOn((String) m.get("accentColor")));
        m.put("logoUrl", safeUrl(settings.logoUrl()));
        m.put("supportEmail", email(settings.supportEmail()));
        m.put("supportUrl", safeUrl(settings.supportUrl()));
        if (ctx.milestone() == Milestone.DELIVERED) {
            m.put("reviewUrl", safeUrl(settings.reviewUrl()));
        }
        m.put("trackingUrl", ctx.trackingUrl());
        if (shipment != null) {
            m.put("trackingNumber", clean(shipment.trackingNumber()));
            m.put("carrierName", shipment.carrier().displayName());
        }
        m.put("statusText", statusText(shipment));
        m.put("expectedDelivery", expectedDelivery(shipment, ctx.order().promisedDeliveryDate(), ctx.zone(), locale));
        m.put("latestEvent", latestEvent(ctx.latestEvent(), ctx.zone(), locale));
        m.put("headline", headline(ctx.milestone()));
        m.put("intro", intro(ctx.milestone(), shipment));
        m.put("reasonText", ctx.milestone() == Milestone.EXCEPTION ? reasonText(ctx.reason()) : null);
        m.put("subject", clean(merchantName + ": " + subject(ctx.milestone(), orderNumber)));
        return m;
    }

    static String subject(Milestone m, String orderNumber) {
        return switch (m) {
            case ORDER_CONFIRMED -> "order " + orderNumber + " confirmed";
            case SHIPPED -> "your order " + orderNumber + " has shipped";
            case IN_TRANSIT -> "your order " + orderNumber + " is on its way";
            case OUT_FOR_DELIVERY -> "your order " + orderNumber + " is out for delivery";
            case AVAILABLE_FOR_PICKUP -> "your order " + orderNumber + " is ready for pickup";
            case DELIVERED -> "your order " + orderNumber + " was delivered";
            case EXCEPTION -> "a problem with the delivery of order " + orderNumber;
            case DELAYED -> "your order " + orderNumber + " is running late";
            case STALLED -> "an update on order " + orderNumber;
        };
    }

    static String headline(Milestone m) {
        return switch (m) {
            case ORDER_CONFIRMED -> "Thanks for your order";
            case SHIPPED -> "Your order has shipped";
            case IN_TRANSIT -> "Your order is on its way";
            case OUT_FOR_DELIVERY -> "Your order is out for delivery";
            case AVAILABLE_FOR_PICKUP -> "Your order is ready for pickup";
            case DELIVERED -> "Your order was delivered";
            case EXCEPTION -> "There is a problem with your delivery";
            case DELAYED -> "Your order is running late";
            case STALLED -> "Your order has not moved for a while";
        };
    }

    private static String intro(Milestone m, Shipment s) {
        String carrier = s == null ? "the carrier" : s.carrier().displayName();
        return switch (m) {
            case ORDER_CONFIRMED -> "We have received your order and will let you know as soon as it ships.";
            case SHIPPED -> "Your parcel has been handed to " + carrier + ".";
            case IN_TRANSIT -> carrier + " is moving your parcel towards you.";
            case OUT_FOR_DELIVERY -> carrier + " expects to deliver your parcel today.";
            case AVAILABLE_FOR_PICKUP -> "Your parcel is waiting for you at the " + carrier + " pickup location.";
            case DELIVERED -> carrier + " reports that your parcel was delivered.";
            case EXCEPTION -> carrier + " reported a problem with your parcel.";
            case DELAYED -> "Your parcel will arrive later than expected. We are sorry for the wait.";
            case STALLED -> carrier + " has not reported progress on your parcel recently. We are keeping an eye on it.";
        };
    }

    static String reasonText(ExceptionReason reason) {
        return switch (reason == null ? ExceptionReason.OTHER : reason) {
            case RECIPIENT_UNAVAILABLE -> "A delivery attempt failed: nobody was available to receive the parcel.";
            case BUSINESS_CLOSED -> "A delivery attempt failed: the business was closed.";
            case NO_ACCESS -> "A delivery attempt failed: the driver could not get access to the address.";
            case NO_SAFE_PLACE -> "A delivery attempt failed: there was no safe place to leave the parcel.";
            case CUSTOMS_CLEARANCE -> "Customs clearance is taking longer than usual.";
            case HIGH_VOLUME -> "High parcel volumes are delaying the delivery.";
            case MECHANICAL -> "A vehicle breakdown is delaying the delivery.";
            case NATURAL_DISASTER -> "An emergency in the area is delaying the delivery.";
            case ADDRESS_ISSUE -> "The carrier has a problem with the delivery address.";
            case REFUSED -> "The delivery was refused.";
            case DAMAGED -> "The parcel was reported damaged.";
            case CUSTOMS_HOLD -> "The parcel is held in customs.";
            case WEATHER -> "Weather is delaying the delivery.";
            case CARRIER_DELAY -> "The carrier is experiencing delays.";
            case HELD -> "The parcel is being held at a carrier facility.";
            case PAYMENT_DUE -> "A payment is due before the parcel can be delivered.";
            case RETURNING -> "The parcel is being returned to the sender.";
            case RETURNED -> "The parcel was returned to the sender.";
            case LOST -> "The carrier reports the parcel as lost.";
            case NOT_FOUND -> "The carrier does not know this tracking number yet.";
            case NONE, OTHER -> "The carrier reported an exception.";
        };
    }

    private static String smsText(MessageContext ctx) {
        String n = clean(ctx.order().orderNumber());
        return switch (ctx.milestone()) {
            case ORDER_CONFIRMED -> "order " + n + " confirmed.";
            case SHIPPED -> "order " + n + " has shipped.";
            case IN_TRANSIT -> "order " + n + " is on its way.";
            case OUT_FOR_DELIVERY -> "order " + n + " is out for delivery today.";
            case AVAILABLE_FOR_PICKUP -> "order " + n + " is ready for pickup.";
            case DELIVERED -> "order " + n + " was delivered.";
            case EXCEPTION -> "order " + n + ": " + reasonText(ctx.reason());
            case DELAYED -> "order " + n + " is running late.";
            case STALLED -> "order " + n + " has not moved for a while. We are on it.";
        };
    }

    private static String shortSmsText(MessageContext ctx) {
        String n = clean(ctx.order().orderNumber());
        return ctx.milestone() == Milestone.EXCEPTION ? "order " + n + " has a delivery problem." : smsText(ctx);
    }

    private static String statusText(Shipment s) {
        if (s == null) {
            return "Order received";
        }
        String base = switch (s.status()) {
            case PENDING -> "Order received";
            case INFO_RECEIVED -> "Label created";
            case IN_TRANSIT -> "In transit";
            case OUT_FOR_DELIVERY -> "Out for delivery";
            case AVAILABLE_FOR_PICKUP -> "Ready for pickup";
            case DELIVERY_ATTEMPTED -> "Delivery attempted";
            case EXCEPTION -> "Delivery exception";
            case RETURNING_TO_SENDER -> "Returning to sender";
            case RETURNED_TO_SENDER -> "Returned to sender";
            case DELIVERED -> "Delivered";
            case FAILED -> "Delivery failed";
            case CANCELLED -> "Cancelled";
            case EXPIRED -> "No longer tracked";
            case UNKNOWN -> "Update from the carrier";
        };
        if (s.status() != ShipmentStatus.DELIVERED && (s.delayed() || s.stalled())) {
            base += s.delayed() ? " (delayed)" : " (no recent scans)";
        }
        return base;
    }

    static String expectedDelivery(Shipment s, LocalDate promised, ZoneId zone, Locale locale) {
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        if (s != null && s.status() == ShipmentStatus.DELIVERED) {
            return s.lastEventAt() == null ? "Delivered"
                    : "Delivered " + DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(locale).format(s.lastEventAt().atZone(zone));
        }
        EstimatedDelivery eta = s == null ? null : s.estimatedDelivery();
        if (eta != null && eta.windowStart() != null && eta.windowEnd() != null) {
            DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
            var start = eta.windowStart().atZoneSameInstant(zone);
            var end = eta.windowEnd().atZoneSameInstant(zone);
            return date.format(start) + ", " + time.format(start) + " – " + time.format(end);
        }
        if (eta != null && eta.date() != null) {
            return date.format(eta.date());
        }
        if (promised != null) {
            return date.format(promised);
        }
        return "Not known yet";
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

    /** Folds accents away and replaces what GSM-7 cannot carry, so a message stays in 160-character segments. */
    static String gsm7(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder(folded.length());
        for (char c : folded.toCharArray()) {
            out.append(GSM7.indexOf(c) >= 0 && c != '\n' && c != '\r' ? c : c == '’' ? '\'' : '?');
        }
        return out.toString().replaceAll("\\?{2,}", "?");
    }

    public static boolean isGsm7(String s) {
        return s.chars().allMatch(c -> GSM7.indexOf(c) >= 0);
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
