package io.ordertracker.carriers;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The carrier's own words for an event, read when its code says only "exception", "delay" or "attempted"
 * ({@link CodeTable.Mapping#generic()}): UPS 013, FedEx DE/SE/DY, DHL's coarse "failure", ... The rules are
 * {@code phrases.csv}, generated with the code tables and listed in docs/carriers.md. First match wins. A generic
 * exception may become an attempt, a delay or a finer exception; a generic delay only a finer delay; a generic
 * attempt only a finer attempt. Anything else is returned as it is.
 */
public final class DescriptionRules {

    record Rule(Pattern pattern, Pattern unless, CodeTable.Mapping mapping) {
    }

    private static final List<Rule> RULES = load("/io/ordertracker/carriers/phrases.csv");

    private DescriptionRules() {
    }

    public static CodeTable.Mapping refine(CodeTable.Mapping mapping, String description) {
        if (mapping == null || !mapping.generic() || description == null || description.isBlank()) {
            return mapping;
        }
        String upper = description.toUpperCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (!rule.pattern().matcher(upper).find()
                    || (rule.unless() != null && rule.unless().matcher(upper).find())) {
                continue;
            }
            CodeClass to = rule.mapping().kind();
            boolean allowed = switch (mapping.kind()) {
                case EXCEPTION -> to == CodeClass.EXCEPTION || to == CodeClass.ATTEMPT || to == CodeClass.DELAY;
                default -> to == mapping.kind();
            };
            if (allowed) {
                return new CodeTable.Mapping(rule.mapping().status(), rule.mapping().reason(), mapping.description(), to);
            }
            return mapping; // the first matching phrase decides, even when it may not move this row
        }
        return mapping;
    }

    /** Every rule, for the taxonomy test and the docs: pattern, unless, class, status ("-" for none), reason. */
    public static List<List<String>> rows() {
        return RULES.stream().map(r -> List.of(r.pattern().pattern(), r.unless() == null ? "" : r.unless().pattern(),
                r.mapping().kind().name(), r.mapping().status() == null ? "-" : r.mapping().status().name(),
                r.mapping().reason().name())).toList();
    }

    private static List<Rule> load(String resource) {
        try (InputStream in = DescriptionRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            List<Rule> rules = new ArrayList<>();
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
                String status = c.get(3);
                rules.add(new Rule(Pattern.compile(c.get(0)), c.get(1).isEmpty() ? null : Pattern.compile(c.get(1)),
                        new CodeTable.Mapping("-".equals(status) ? null : ShipmentStatus.valueOf(status),
                                ExceptionReason.valueOf(c.get(4)), null, CodeClass.valueOf(c.get(2)))));
            }
            return List.copyOf(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
