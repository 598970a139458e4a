package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;

/** The fixed test credentials the sandbox accepts; anything else gets the carrier's real 401. */
public final class SandboxCredentials {

    public static final String UPS_CLIENT_ID = "sandbox-ups-client";
    public static final String UPS_CLIENT_SECRET = "sandbox-ups-secret";
    public static final String FEDEX_CLIENT_ID = "sandbox-fedex-client";
    public static final String FEDEX_CLIENT_SECRET = "sandbox-fedex-secret";
    public static final String USPS_CLIENT_ID = "sandbox-usps-client";
    public static final String USPS_CLIENT_SECRET = "sandbox-usps-secret";
    public static final String DHL_API_KEY = "sandbox-dhl-api-key";

    private SandboxCredentials() {
    }

    public static String clientId(Carrier carrier) {
        return switch (carrier) {
            case UPS -> UPS_CLIENT_ID;
            case FEDEX -> FEDEX_CLIENT_ID;
            case USPS -> USPS_CLIENT_ID;
            case DHL -> null;
        };
    }

    public static String clientSecret(Carrier carrier) {
        return switch (carrier) {
            case UPS -> UPS_CLIENT_SECRET;
            case FEDEX -> FEDEX_CLIENT_SECRET;
            case USPS -> USPS_CLIENT_SECRET;
            case DHL -> null;
        };
    }

    public static String apiKey(Carrier carrier) {
        return carrier == Carrier.DHL ? DHL_API_KEY : null;
    }
}
