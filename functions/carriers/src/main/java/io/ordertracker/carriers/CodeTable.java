package io.ordertracker.carriers;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One carrier code list mapped to the canonical model, loaded from a CSV resource (generated from the carrier's own
 * list by tools/generate_code_tables.py). The first {@code keyColumns} columns are the key, then status, reason and
 * the carrier's description. A status of {@code -} means the code carries no status of its own (a notice, a
 * request, a photo): the adapter keeps the status already in force instead of inventing one.
 */
public final class CodeTable {

    /** How one carrier code reads in the canonical model. {@code status == null}: informational, no status of its own. */
    public record Mapping(ShipmentStatus status, ExceptionReason reason, String description) {
        public boolean informational() {
            return status == null;
        }
    }

    /** What a code that is not in the table maps to: UNKNOWN, never a guess. */
    public static final Mapping UNMAPPED = new Mapping(ShipmentStatus.UNKNOWN, ExceptionReason.NONE, null);

    private final Map<String, Mapping> rows;

    private CodeTable(Map<String, Mapping> rows) {
        this.rows = Collections.unmodifiableMap(rows);
    }

    /** Loads a table from the classpath, e.g. {@code /io/ordertracker/carriers/ups/status-codes.csv}. */
    public static CodeTable load(String resource, int keyColumns) {
        try (InputStream in = CodeTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing code table " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Mapping> rows = new LinkedHashMap<>();
            boolean header = true;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                List<String> cells = splitCsv(line);
                String key = key(cells.subList(0, keyColumns).toArray(String[]::new));
                String status = cells.get(keyColumns);
                Mapping mapping = new Mapping("-".equals(status) ? null : ShipmentStatus.valueOf(status),
                        ExceptionReason.valueOf(cells.get(keyColumns + 1)), cells.get(keyColumns + 2));
                if (rows.putIfAbsent(key, mapping) != null) {
                    throw new IllegalStateException(resource + " maps " + key + " twice");
                }
            }
            return new CodeTable(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Mapping> find(String... key) {
        for (String part : key) {
            if (part == null || part.isBlank()) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(rows.get(key(key)));
    }

    /** The mapping for a code, or {@link #UNMAPPED} (UNKNOWN) when the carrier sent a code we have no row for. */
    public Mapping lookup(String... key) {
        return find(key).orElse(UNMAPPED);
    }

    /** Every row, keyed by the normalized key (parts joined with '|'). */
    public Map<String, Mapping> rows() {
        return rows;
    }

    /** Codes compare trimmed and upper-case ("Ow" and "OW" are one FedEx code); "01" stays "01". */
    public static String key(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(part.trim().toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** Minimal RFC 4180 split: quoted cells may hold commas and doubled quotes. */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
