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

    /**
     * The credentials as the environment variables the carriers module's EnvironmentCredentialsProvider reads, for
     * wiring functions to the sandbox in the local runtime.
     */
    public static java.util.Map<String, String> asEnvironment() {
        return java.util.Map.of(
                "UPS_CLIENT_ID", UPS_CLIENT_ID, "UPS_CLIENT_SECRET", UPS_CLIENT_SECRET,
                "FEDEX_CLIENT_ID", FEDEX_CLIENT_ID, "FEDEX_CLIENT_SECRET", FEDEX_CLIENT_SECRET,
                "USPS_CLIENT_ID", USPS_CLIENT_ID, "USPS_CLIENT_SECRET", USPS_CLIENT_SECRET,
                "DHL_API_KEY", DHL_API_KEY);
    }

    /** Base URL environment variables ({@code UPS_BASE_URL} ...) pointing every carrier at a running sandbox. */
    public static java.util.Map<String, String> baseUrlEnvironment(CarrierSandbox sandbox) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (Carrier c : Carrier.values()) {
            env.put(c.name() + "_BASE_URL", sandbox.baseUrl(c).toString());
        }
        return env;
    }
}
