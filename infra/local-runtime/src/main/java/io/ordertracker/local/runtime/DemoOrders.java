package io.ordertracker.local.runtime;

/** The demo orders the README's curl line, the end-to-end test and the pipeline benchmark post. */
public final class DemoOrders {
    private DemoOrders() {
    }

    /** One order with one parcel, a shopper in New York with an email address and a mobile number. */
    public static String orderJson(String orderNumber, String carrier, String trackingNumber) {
        return orderJson(orderNumber, carrier, trackingNumber, SandboxHandle.DEFAULT_ZONE);
    }

    /** The same, for a shopper in {@code timeZone} (where the parcel is delivered). */
    public static String orderJson(String orderNumber, String carrier, String trackingNumber, String timeZone) {
        return orderJson(orderNumber, carrier, trackingNumber, timeZone, "en-US");
    }

    /** The same, for a shopper who reads {@code locale} (a BCP 47 tag such as {@code pt-BR}). */
    public static String orderJson(String orderNumber, String carrier, String trackingNumber, String timeZone,
                                   String locale) {
        return "{\"orderNumber\":\"" + orderNumber + "\",\"customer\":{\"name\":\"Ada Lovelace\","
                + "\"email\":\"ada+" + orderNumber.toLowerCase(java.util.Locale.ROOT) + "@example.com\","
                + "\"phone\":\"+15555550123\",\"timeZone\":\"" + timeZone + "\",\"locale\":\"" + locale + "\"},"
                + "\"items\":[{\"name\":\"Espresso cups\",\"quantity\":2}],"
                + "\"shipments\":[{\"carrier\":\"" + carrier + "\",\"trackingNumber\":\"" + trackingNumber + "\"}]}";
    }
}
