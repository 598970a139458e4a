package io.ordertracker.domain.merchants;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The merchant's branding as a page may use it (the shopper's tracking page, the merchant's dashboard). Everything a
 * merchant typed is distrusted here once, so the templates never see a value that could leave its context: colours
 * must be plain hex (they go into the style block, where HTML escaping would not help), links must be https (no
 * {@code javascript:}), e-mail addresses must look like addresses. A value that fails is dropped, never "fixed".
 *
 * @param onPrimaryColor the text colour on the primary colour: black or white, whichever contrasts more, so a
 *                       merchant's pale brand colour never makes the header unreadable
 * @param accentColor    the merchant's accent, used only as a thin decorative rule (no text is drawn on it)
 */
public record Branding(String name, String logoUrl, String primaryColor, String onPrimaryColor, String accentColor,
                       String supportEmail, String supportUrl) {

    public static final String DEFAULT_PRIMARY = "#1f4e79";
    public static final String DEFAULT_ACCENT = "#f2a900";
    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final int MAX_NAME = 120;

    public static Branding of(Optional<Merchant> merchant) {
        if (merchant.isEmpty()) {
            return new Branding("", null, DEFAULT_PRIMARY, onColor(DEFAULT_PRIMARY), DEFAULT_ACCENT, null, null);
        }
        MerchantSettings s = merchant.get().settings() == null
                ? MerchantSettings.defaults(merchant.get().name()) : merchant.get().settings();
        String name = firstNonBlank(s.displayName(), merchant.get().name());
        String primary = readable(color(s.primaryColor(), DEFAULT_PRIMARY));
        return new Branding(limit(name), httpsUrl(s.logoUrl()), primary, onColor(primary),
                color(s.accentColor(), DEFAULT_ACCENT), email(s.supportEmail()), httpsUrl(s.supportUrl()));
    }

    public boolean hasLogo() {
        return logoUrl != null;
    }

    public boolean hasContact() {
        return supportEmail != null || supportUrl != null;
    }

    public boolean hasSupportEmail() {
        return supportEmail != null;
    }

    public boolean hasSupportUrl() {
        return supportUrl != null;
    }

    public boolean hasName() {
        return !name.isEmpty();
    }

    public static String color(String raw, String fallback) {
        if (raw == null || !HEX.matcher(raw.strip()).matches()) {
            return fallback;
        }
        String hex = raw.strip().toLowerCase(Locale.ROOT);
        if (hex.length() == 4) {
            hex = "#" + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2) + hex.charAt(3) + hex.charAt(3);
        }
        return hex;
    }

    /** Absolute https URL with a host, or null. */
    public static String httpsUrl(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2000) {
            return null;
        }
        try {
            URI uri = new URI(raw.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    public static String email(String raw) {
        return raw != null && EMAIL.matcher(raw.strip()).matches() ? raw.strip() : null;
    }

    /** WCAG relative luminance; picks the text colour with the higher contrast ratio. */
    public static String onColor(String hex) {
        double l = luminance(hex);
        double contrastWithWhite = 1.05 / (l + 0.05);
        double contrastWithBlack = (l + 0.05) / 0.05;
        return contrastWithWhite >= contrastWithBlack ? "#ffffff" : "#111111";
    }

    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /**
     * Mid-tones (a #777777 grey, a pure red) reach 4.5:1 with neither black nor white text; such a colour is
     * darkened step by step, keeping its hue, until white text on it passes WCAG AA.
     */
    public static String readable(String hex) {
        String c = hex;
        for (int i = 0; i < 20 && contrast(c, onColor(c)) < 4.5; i++) {
            int rgb = Integer.parseInt(c.substring(1), 16);
            int r = (int) (((rgb >> 16) & 0xff) * 0.9);
            int g = (int) (((rgb >> 8) & 0xff) * 0.9);
            int b = (int) ((rgb & 0xff) * 0.9);
            c = String.format("#%02x%02x%02x", r, g, b);
        }
        return c;
    }

    public static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel((rgb >> 16) & 0xff) + 0.7152 * channel((rgb >> 8) & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b == null ? "" : b.strip();
    }

    private static String limit(String s) {
        return s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
    }
}
