package io.ordertracker.carriers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Null-safe readers for carrier bodies (tree model: carriers add fields freely), over the product's tolerant
 * mapper ({@link io.ordertracker.json.Json#TOLERANT}): the one JSON configuration, read leniently.
 */
public final class Json {

    public static final ObjectMapper MAPPER = io.ordertracker.json.Json.TOLERANT;

    private Json() {
    }

    /** The parsed body, or empty when it is not JSON (truncated, an HTML error page, garbage). */
    public static Optional<JsonNode> read(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The text at a path of field names, null when absent, null or empty. */
    public static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String field : path) {
            if (at == null) {
                return null;
            }
            at = at.get(field);
        }
        if (at == null || at.isNull() || at.isContainerNode()) {
            return null;
        }
        String text = at.asText();
        return text.isEmpty() ? null : text;
    }

    public static JsonNode at(JsonNode node, String... path) {
        JsonNode at = node;
        for (String field : path) {
            if (at == null) {
                return null;
            }
            at = at.get(field);
        }
        return at == null || at.isNull() ? null : at;
    }

    /** Array elements (an object where an array was expected counts as a one-element array, as carriers do). */
    public static Iterable<JsonNode> elements(JsonNode node) {
        if (node == null || node.isNull()) {
            return java.util.List.of();
        }
        if (node.isArray()) {
            return node::elements;
        }
        return java.util.List.of(node);
    }
}
