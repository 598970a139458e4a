package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Lambda event filtering (the EventBridge pattern language Lambda uses for FilterCriteria): a record passes a
 * pattern when every key of the pattern matches. Supported: nested objects, value lists (any of), null,
 * {@code exists}, {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but} (a value, a
 * list, or {@code {"prefix": ...}}) and {@code numeric} ranges. An array in the record matches if any element does.
 */
final class FilterPattern {
    private final JsonNode pattern;

    FilterPattern(JsonNode pattern) {
        if (!pattern.isObject()) {
            throw new IllegalArgumentException("a filter pattern must be a JSON object: " + pattern);
        }
        this.pattern = pattern;
    }

    static FilterPattern parse(String json) {
        return new FilterPattern(EventCodec.parse(json));
    }

    boolean matches(JsonNode record) {
        return matchObject(pattern, record);
    }

    private static boolean matchObject(JsonNode pattern, JsonNode value) {
        if (value != null && value.isArray()) {
            for (JsonNode element : value) {
                if (matchObject(pattern, element)) {
                    return true;
                }
            }
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode child = value == null || !value.isObject() ? null : value.get(f.getKey());
            JsonNode p = f.getValue();
            if (p.isObject()) {
                if (child == null ? !matchesAbsent(p) : !matchObject(p, child)) {
                    return false;
                }
            } else if (p.isArray()) {
                if (!matchRules(p, child)) {
                    return false;
                }
            } else {
                throw new IllegalArgumentException("pattern values must be objects or arrays: " + f.getKey() + "=" + p);
            }
        }
        return true;
    }

    /**
     * A pattern below a key the record lacks: it matches only if every rule in it does so on a missing value
     * ({@code {"scheduleOnly":{"BOOL":[{"exists":false}]}}} matches an image without {@code scheduleOnly}).
     */
    private static boolean matchesAbsent(JsonNode pattern) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            JsonNode p = fields.next().getValue();
            if (p.isObject() ? !matchesAbsent(p) : !(p.isArray() && matchRules(p, null))) {
                return false;
            }
        }
        return true;
    }

    /** Any of the rules matches the value (or, for an array value, one of its elements). */
    private static boolean matchRules(JsonNode rules, JsonNode value) {
        for (JsonNode rule : rules) {
            if (rule.isObject() && rule.has("exists")) {
                boolean present = value != null && !value.isNull();
                if (present == rule.get("exists").asBoolean()) {
                    return true;
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (matchRule(rule, element)) {
                        return true;
                    }
                }
            } else if (matchRule(rule, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchRule(JsonNode rule, JsonNode value) {
        if (rule.isNull()) {
            return value.isNull();
        }
        if (rule.isTextual()) {
            return value.isTextual() && value.asText().equals(rule.asText());
        }
        if (rule.isNumber()) {
            return value.isNumber() && value.decimalValue().compareTo(rule.decimalValue()) == 0;
        }
        if (rule.isBoolean()) {
            return value.isBoolean() && value.asBoolean() == rule.asBoolean();
        }
        if (rule.isObject()) {
            if (rule.has("prefix")) {
                return value.isTextual() && value.asText().startsWith(rule.get("prefix").asText());
            }
            if (rule.has("suffix")) {
                return value.isTextual() && value.asText().endsWith(rule.get("suffix").asText());
            }
            if (rule.has("equals-ignore-case")) {
                return value.isTextual() && value.asText().equalsIgnoreCase(rule.get("equals-ignore-case").asText());
            }
            if (rule.has("anything-but")) {
                JsonNode but = rule.get("anything-but");
                if (but.isArray()) {
                    for (JsonNode b : but) {
                        if (matchRule(b, value)) {
                            return false;
                        }
                    }
                    return true;
                }
                return !matchRule(but, value);
            }
            if (rule.has("numeric")) {
                return numeric(rule.get("numeric"), value);
            }
        }
        throw new IllegalArgumentException("unsupported filter rule locally: " + rule);
    }

    private static boolean numeric(JsonNode spec, JsonNode value) {
        double v;
        if (value.isNumber()) {
            v = value.asDouble();
        } else {
            return false;
        }
        for (int i = 0; i + 1 < spec.size(); i += 2) {
            String op = spec.get(i).asText();
            double bound = spec.get(i + 1).asDouble();
            boolean ok = switch (op) {
                case "=" -> v == bound;
                case "<" -> v < bound;
                case "<=" -> v <= bound;
                case ">" -> v > bound;
                case ">=" -> v >= bound;
                default -> throw new IllegalArgumentException("unsupported numeric operator " + op);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
