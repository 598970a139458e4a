package io.ordertracker.local.runtime;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The carrier sandbox (infra/carrier-sandbox), reached by reflection so the runtime builds and runs whether or not
 * that module is on the classpath: {@code CarrierSandbox.start(port, SandboxClock.following(runtimeClock))}.
 */
final class SandboxHandle implements AutoCloseable {
    /**
     * One scripted journey: carrier code (ups, fedex, usps, dhl), tracking number, kind (e.g. "delivered"), and the
     * time zone the parcel is delivered in (a demo shopper lives there: the polling cadence reckons delivery-day
     * windows in the shopper's zone).
     */
    record JourneyInfo(String carrier, String trackingNumber, String journey, String expectedFinalStatus,
                       Instant endsAt, String timeZone, List<String> expectedMessages) {
    }

    /** Journeys the carrier never knew have no destination; their demo shopper gets this zone. */
    static final String DEFAULT_ZONE = "America/New_York";

    private final Object sandbox;

    private SandboxHandle(Object sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts the sandbox on the runtime's own clock, so its journeys and the functions share one simulated now. */
    static Optional<SandboxHandle> start(java.time.Clock runtimeClock) {
        return start(runtimeClock, 1);
    }

    /** As {@link #start(java.time.Clock)}, playing every journey {@code journeyCopies} times under new numbers. */
    static Optional<SandboxHandle> start(java.time.Clock runtimeClock, int journeyCopies) {
        try {
            Class<?> clockClass = Class.forName("io.ordertracker.sandbox.SandboxClock");
            Object clock = clockClass.getMethod("following", java.time.Clock.class).invoke(null, runtimeClock);
            Class<?> sandboxClass = Class.forName("io.ordertracker.sandbox.CarrierSandbox");
            Object sandbox = journeyCopies == 1
                    ? sandboxClass.getMethod("start", int.class, clockClass).invoke(null, 0, clock)
                    : sandboxClass.getMethod("start", int.class, clockClass, int.class).invoke(null, 0, clock, journeyCopies);
            return Optional.of(new SandboxHandle(sandbox));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("local runtime: carrier sandbox not on the classpath (" + e.getMessage() + "); carriers are not simulated");
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the carrier sandbox did not start", e.getCause() == null ? e : e.getCause());
        }
    }

    int port() {
        return (int) call(sandbox, "port");
    }

    /** Carrier code (lower case, as in the sandbox's paths) -> base URL. */
    Map<String, String> baseUrls() {
        Map<String, String> out = new LinkedHashMap<>();
        Map<?, ?> urls = (Map<?, ?>) call(sandbox, "baseUrls");
        urls.forEach((carrier, url) -> out.put(carrierCode(carrier), url.toString()));
        return out;
    }

    private static String zoneOf(Object zone) {
        return zone == null ? DEFAULT_ZONE : zone.toString();
    }

    List<JourneyInfo> journeys() {
        List<JourneyInfo> out = new ArrayList<>();
        for (Object j : (List<?>) call(sandbox, "journeys")) {
            Object kind = call(j, "kind");
            Object expected = call(j, "expectedFinalStatus");
            out.add(new JourneyInfo(carrierCode(call(j, "carrier")), (String) call(j, "trackingNumber"),
                    (String) call(kind, "wireName"), expected == null ? null : expected.toString(),
                    (Instant) call(j, "endsAt"), zoneOf(call(j, "destinationZone")), expectedMessages(j)));
        }
        return out;
    }

    /** The messages a journey's demo shopper must get, in order ("MILESTONE channel"), or null if not declared. */
    @SuppressWarnings("unchecked")
    private static List<String> expectedMessages(Object journey) {
        try {
            return (List<String>) journey.getClass().getMethod("expectedMessages").invoke(journey);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The sandbox's credentials as environment variables (UPS_CLIENT_ID, ..., DHL_API_KEY), if it offers them. */
    @SuppressWarnings("unchecked")
    Map<String, String> credentialsEnvironment() {
        try {
            Class<?> creds = Class.forName("io.ordertracker.sandbox.SandboxCredentials");
            return new LinkedHashMap<>((Map<String, String>) creds.getMethod("asEnvironment").invoke(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Map.of();
        }
    }

    /** The sandbox's accepted credentials for a carrier code: clientId/clientSecret or apiKey. */
    Optional<Map<String, String>> credentials(String carrierCode) {
        try {
            Class<?> carrierClass = Class.forName("io.ordertracker.domain.Carrier");
            Object carrier = null;
            for (Object c : carrierClass.getEnumConstants()) {
                if (carrierCode(c).equalsIgnoreCase(carrierCode)) {
                    carrier = c;
                }
            }
            if (carrier == null) {
                return Optional.empty();
            }
            Class<?> creds = Class.forName("io.ordertracker.sandbox.SandboxCredentials");
            Map<String, String> out = new LinkedHashMap<>();
            for (String field : java.util.List.of("clientId", "clientSecret", "apiKey")) {
                Object v = creds.getMethod(field, carrierClass).invoke(null, carrier);
                if (v != null) {
                    out.put(field, v.toString());
                }
            }
            return Optional.of(out);
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Faults every carrier's tracking calls at random from {@code seed} with probability {@code rate}, and makes
     * {@code outageCarrier} answer 5xx from {@code outageFrom} to {@code outageUntil} (sandbox time).
     */
    void injectRandomFaults(double rate, long seed, String outageCarrier, Instant outageFrom, Instant outageUntil,
                            java.time.Duration timeout) {
        try {
            sandbox.getClass().getMethod("injectRandomFaults", double.class, long.class, String.class, Instant.class,
                    Instant.class, java.time.Duration.class)
                    .invoke(sandbox, rate, seed, outageCarrier, outageFrom, outageUntil, timeout);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("carrier sandbox: cannot inject faults", e);
        }
    }

    /** Faults the sandbox applied so far, by kind. */
    @SuppressWarnings("unchecked")
    Map<String, Integer> injectedFaults() {
        return new java.util.TreeMap<>((Map<String, Integer>) call(sandbox, "injectedFaults"));
    }

    private static String carrierCode(Object carrier) {
        try {
            return (String) call(carrier, "code");
        } catch (RuntimeException e) {
            return carrier.toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("carrier sandbox: " + method + "() failed", e);
        }
    }

    @Override
    public void close() {
        try {
            ((AutoCloseable) sandbox).close();
        } catch (Exception e) {
            System.err.println("local runtime: carrier sandbox did not stop cleanly: " + e);
        }
    }
}
