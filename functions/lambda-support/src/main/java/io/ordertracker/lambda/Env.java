package io.ordertracker.lambda;

import java.util.Map;
import java.util.Optional;

/**
 * Configuration comes only from the environment template.yaml sets. The local runtime runs every function in one
 * JVM, so it can lay each function's own variables over the process environment for the duration of a call
 * ({@link #withOverlay}); on Lambda the overlay is always empty.
 */
public final class Env {
    private static final InheritableThreadLocal<Map<String, String>> OVERLAY = new InheritableThreadLocal<>();

    private Env() {
    }

    public static Optional<String> get(String name) {
        Map<String, String> overlay = OVERLAY.get();
        String value = overlay != null && overlay.containsKey(name) ? overlay.get(name) : System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public static String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is not set (template.yaml sets it)"));
    }

    public static int intValue(String name, int fallback) {
        return get(name).map(Integer::parseInt).orElse(fallback);
    }

    /** Runs {@code body} with {@code variables} laid over the process environment on this thread. */
    public static <T> T withOverlay(Map<String, String> variables, java.util.function.Supplier<T> body) {
        Map<String, String> previous = OVERLAY.get();
        OVERLAY.set(variables);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                OVERLAY.remove();
            } else {
                OVERLAY.set(previous);
            }
        }
    }
}
