package io.ordertracker.carriers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One carrier's documented error answers ({@code <carrier>/error-codes.csv}: code, kind, description), each as a
 * {@link FailureKind}. Codes are the carrier's own ("151018", "TRACKING.TRACKINGNUMBER.NOTFOUND") or an HTTP status
 * written {@code HTTP 404}. Listed in docs/carriers.md.
 */
public final class ErrorCodes {

    public record Row(FailureKind kind, String description) {
    }

    private final Map<String, Row> rows;

    private ErrorCodes(Map<String, Row> rows) {
        this.rows = Collections.unmodifiableMap(rows);
    }

    public static ErrorCodes load(String resource) {
        try (InputStream in = ErrorCodes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            Map<String, Row> rows = new LinkedHashMap<>();
            boolean header = true;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                List<String> c = CodeTable.splitCsv(line);
                Row row = new Row(FailureKind.valueOf(c.get(1).toUpperCase(Locale.ROOT)), c.get(2));
                if (rows.putIfAbsent(c.get(0), row) != null) {
                    throw new IllegalStateException(resource + " lists " + c.get(0) + " twice");
                }
            }
            return new ErrorCodes(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<FailureKind> kind(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(rows.get(code.trim())).map(Row::kind);
    }

    /** The carrier's code when listed, else its documented meaning of the HTTP status, else the generic one. */
    public FailureKind classify(String code, int httpStatus) {
        return kind(code).or(() -> kind("HTTP " + httpStatus)).orElseGet(() -> ErrorBodies.kindForStatus(httpStatus));
    }

    public Map<String, Row> rows() {
        return rows;
    }
}
