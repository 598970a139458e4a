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
 * list by tools/generate_code_tables.py). The first {@code keyColumns} columns are the key, then the row's
 * {@link CodeClass}, status, reason and the carrier's description. A status of {@code -} means the code carries no
 * status of its own: a NOTICE (a request, a photo) keeps the status and reason in force, a DELAY keeps the status
 * and sets its delay reason (docs/carriers.md).
 */
public final class CodeTable {

    /**
     * How one carrier code reads in the canonical model. {@code status == null}: no status of its own (a NOTICE, or
     * a DELAY that carries only its reason).
     */
    public record Mapping(ShipmentStatus status, ExceptionReason reason, String description, CodeClass kind) {
        public Mapping {
            reason = reason == null ? ExceptionReason.NONE : reason;
            kind = kind == null ? CodeClass.of(status, reason) : kind;
        }

        public Mapping(ShipmentStatus status, ExceptionReason reason, String description) {
            this(status, reason, description, null);
        }

        public boolean informational() {
            return status == null;
        }

        /** A delay scan: keeps the status in force, brings its delay reason. */
        public boolean delay() {
            return kind == CodeClass.DELAY;
        }

        /**
         * A row that says only "exception", "delay" or "attempted" without why; the carrier's words for the event may
         * say more ({@link DescriptionRules}).
         */
        public boolean generic() {
            return (kind == CodeClass.EXCEPTION && status == ShipmentStatus.EXCEPTION && reason == ExceptionReason.OTHER)
                    || (kind == CodeClass.DELAY && reason == ExceptionReason.CARRIER_DELAY)
                    || (kind == CodeClass.ATTEMPT && reason == ExceptionReason.RECIPIENT_UNAVAILABLE);
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
            List<String> header = null;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = splitCsv(line);
                    if (!header.subList(keyColumns, header.size()).equals(List.of("class", "status", "reason", "description"))) {
                        throw new IllegalStateException(resource + ": unexpected header " + header);
                    }
                    continue;
                }
                List<String> cells = splitCsv(line);
                String key = key(cells.subList(0, keyColumns).toArray(String[]::new));
                CodeClass kind = CodeClass.valueOf(cells.get(keyColumns));
                String status = cells.get(keyColumns + 1);
                Mapping mapping = new Mapping("-".equals(status) ? null : ShipmentStatus.valueOf(status),
                        ExceptionReason.valueOf(cells.get(keyColumns + 2)), cells.get(keyColumns + 3), kind);
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
    public static List<String> splitCsv(String line) {
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
