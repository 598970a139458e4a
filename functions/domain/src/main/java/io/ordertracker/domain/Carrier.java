package io.ordertracker.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The carriers we track, with the shape of their tracking numbers. */
public enum Carrier {
    UPS("ups", "UPS", Pattern.compile("1Z[0-9A-Z]{16}"), "https://www.ups.com/track?tracknum="),
    FEDEX("fedex", "FedEx", Pattern.compile("(\\d{12}|\\d{15}|\\d{20}|\\d{22}|\\d{34})"),
            "https://www.fedex.com/fedextrack/?trknbr="),
    USPS("usps", "USPS", Pattern.compile("((9[1-5]\\d{18}|9[1-5]\\d{20}|9[1-5]\\d{24}|82\\d{8}|[A-Z]{2}\\d{9}US))"),
            "https://tools.usps.com/go/TrackConfirmAction?tLabels="),
    DHL("dhl", "DHL", Pattern.compile("(\\d{10,11}|JJD\\d{16,20}|JVGL\\d{10,20}|(GM|LX|RX|CN)[0-9A-Z]{8,30}|\\d{12,39}|[A-Z]{2}\\d{9}[A-Z]{2})"),
            "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=");

    private final String code;
    private final String displayName;
    private final Pattern trackingNumberPattern;
    private final String publicTrackingUrlPrefix;

    Carrier(String code, String displayName, Pattern trackingNumberPattern, String publicTrackingUrlPrefix) {
        this.code = code;
        this.displayName = displayName;
        this.trackingNumberPattern = trackingNumberPattern;
        this.publicTrackingUrlPrefix = publicTrackingUrlPrefix;
    }

    /** The lower-case code used on the wire ({@code ups}, {@code fedex}, ...). */
    public String code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    /** The carrier's own public tracking page for a number. */
    public String publicTrackingUrl(String trackingNumber) {
        return publicTrackingUrlPrefix + trackingNumber;
    }

    public static Optional<Carrier> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.code.equals(wanted)).findFirst();
    }

    /** Upper-cases and strips the spaces people paste into tracking numbers. */
    public static String normalizeTrackingNumber(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** Whether a (normalized) tracking number has this carrier's shape, including the UPS check digit. */
    public boolean accepts(String trackingNumber) {
        if (trackingNumber == null || !trackingNumberPattern.matcher(trackingNumber).matches()) {
            return false;
        }
        return this != UPS || upsCheckDigitValid(trackingNumber);
    }

    /**
     * UPS 1Z numbers end in a mod-10 check digit over the 15 characters after "1Z": letters count as
     * (ASCII - 3) mod 10, every second character is doubled.
     */
    static boolean upsCheckDigitValid(String number) {
        return upsCheckDigit(number.substring(2, 17)) == number.charAt(17) - '0';
    }

    /** The check digit for the 15 characters after "1Z" (used by the sandbox to mint valid numbers). */
    public static int upsCheckDigit(String body15) {
        int total = 0;
        for (int i = 0; i < body15.length(); i++) {
            char c = body15.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : (c - 3) % 10;
            total += (i % 2 == 1) ? value * 2 : value;
        }
        return (10 - total % 10) % 10;
    }
}
