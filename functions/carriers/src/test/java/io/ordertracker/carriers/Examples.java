package io.ordertracker.carriers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Saved raw carrier response bodies under src/test/resources/examples. */
public final class Examples {

    private Examples() {
    }

    public static String body(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path path(String name) {
        try {
            return Path.of(Examples.class.getResource("/examples/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static CarrierTrackingResult.Tracked onlyTracked(List<CarrierTrackingResult> results) {
        if (results.size() != 1 || !(results.getFirst() instanceof CarrierTrackingResult.Tracked t)) {
            throw new AssertionError("expected one tracked result, got " + results);
        }
        return t;
    }

    public static CarrierTrackingResult.Failure onlyFailure(List<CarrierTrackingResult> results) {
        if (results.size() != 1 || !(results.getFirst() instanceof CarrierTrackingResult.Failure f)) {
            throw new AssertionError("expected one failure, got " + results);
        }
        return f;
    }
}
