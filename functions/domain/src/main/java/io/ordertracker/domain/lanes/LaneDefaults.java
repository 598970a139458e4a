package io.ordertracker.domain.lanes;

import io.ordertracker.domain.Carrier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Seeded transit times per carrier and service (resource {@code lane-defaults.csv}, with where its figures come
 * from), used for a lane until it has enough deliveries of its own.
 */
public final class LaneDefaults {
    /** Transit days, pickup to delivery. */
    public record Figures(int p50Days, int p90Days) {
    }

    private static final String RESOURCE = "/io/ordertracker/domain/lanes/lane-defaults.csv";
    private static final Figures LAST_RESORT = new Figures(3, 6);

    private final Map<String, Figures> rows;

    private LaneDefaults(Map<String, Figures> rows) {
        this.rows = Map.copyOf(rows);
    }

    public static LaneDefaults load() {
        try (InputStream in = LaneDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            Map<String, Figures> rows = new HashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split(",");
                rows.put(key(f[0], f[1]), new Figures(Integer.parseInt(f[2].trim()), Integer.parseInt(f[3].trim())));
            }
            return new LaneDefaults(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The carrier's figures for the service, else its fallback row, else 3 / 6 days. */
    public Figures figures(Carrier carrier, String service) {
        Figures exact = service == null ? null : rows.get(key(carrier.code(), service));
        if (exact != null) {
            return exact;
        }
        return rows.getOrDefault(key(carrier.code(), "*"), LAST_RESORT);
    }

    private static String key(String carrier, String service) {
        return carrier.trim().toLowerCase(Locale.ROOT) + "," + service.trim().toUpperCase(Locale.ROOT);
    }
}
