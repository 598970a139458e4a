package io.ordertracker.lambda;

import java.util.Map;

/** HTTP header lookup: names are case-insensitive (RFC 9110), whatever case the gateway or a test used. */
public final class Headers {
    private Headers() {
    }

    /** The value of the first header named {@code name} in any case; null when absent or {@code headers} is null. */
    public static String get(Map<String, String> headers, String name) {
        if (headers == null || name == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
