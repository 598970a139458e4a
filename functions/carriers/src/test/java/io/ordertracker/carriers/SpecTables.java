package io.ordertracker.carriers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the carriers' own code lists (copied verbatim from the carriers' published specifications into src/test/resources/specs), so
 * the tests can hold every spec row against the mapping tables. Written separately from the generator on purpose.
 */
public final class SpecTables {

    /** One row of a carrier's list. {@code scope} is DHL's product (service), empty elsewhere. */
    public record Row(String scope, String code, String description) {
        @Override
        public String toString() {
            return (scope.isEmpty() ? "" : scope + " ") + code + " " + description;
        }
    }

    private SpecTables() {
    }

    /** UPS tables are HTML tables flattened to text: a code line, then its description line. */
    public static List<Row> ups(String file) {
        List<String> lines = lines("/specs/ups/" + file, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        String code = null;
        for (String raw : lines.subList(3, lines.size())) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (code == null && line.matches("[0-9A-Z]{1,3}")) {
                code = line;
            } else if (code != null) {
                rows.add(new Row("", code, line));
                code = null;
            }
        }
        return rows;
    }

    /** FedEx's list is two columns flattened; the "Possession" block lists custody codes, not tracking statuses. */
    public static List<Row> fedexStatusCodes() {
        List<String> lines = lines("/specs/fedex/status-codes.txt", StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        Map<String, Row> rows = new LinkedHashMap<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (Set.of("Movement", "Regulatory", "Possession").contains(line)) {
                section = line;
            } else if (section != null && line.matches("[A-Za-z]{2}") && i + 1 < lines.size()) {
                boolean custody = section.equals("Possession")
                        && Set.of("CA", "RC", "SH", "CU", "BR", "TP", "SP").contains(line.toUpperCase());
                if (!custody) {
                    rows.putIfAbsent(line.toUpperCase(), new Row("", line, lines.get(i + 1)));
                }
                i++;
            }
        }
        return List.copyOf(rows.values());
    }

    /** DHL's list: service;status;description;remark, in windows-1252. */
    public static List<Row> dhlStatusCodes() {
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String line : lines("/specs/dhl/status-codes.csv", Charset.forName("windows-1252"))) {
            String[] cells = line.split(";", -1);
            if (cells.length < 3 || cells[0].equals("Service")) {
                continue;
            }
            if (seen.add(cells[0].strip() + "|" + cells[1].strip())) {
                rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip()));
            }
        }
        return rows;
    }

    private static List<String> lines(String resource, Charset charset) {
        try (InputStream in = SpecTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            // the DHL file also uses NEL (0x85) inside cells; only CR/LF end a row
            return List.of(new String(in.readAllBytes(), charset).split("\r?\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
