package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The template's Conditions and {@code Fn::If}, evaluated against the local parameter values, so a value like
 * {@code !If [HasTrackingPageBaseUrl, !Ref TrackingPageBaseUrl, !Sub "https://${HttpApi}..."]} picks its branch
 * before {@link LocalResources#resolve} sees it.
 */
final class Conditions {
    private final JsonNode conditions;
    private final LocalResources resources;

    Conditions(SamTemplate template, LocalResources resources) {
        this.conditions = template.root().path("Conditions");
        this.resources = resources;
    }

    boolean holds(String name) {
        JsonNode c = conditions.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return evaluate(c);
    }

    /** A copy of {@code value} with every Fn::If replaced by its chosen branch (null for AWS::NoValue). */
    JsonNode apply(JsonNode value) {
        if (value == null || value.isValueNode()) {
            return value;
        }
        if (value.isObject() && value.size() == 1 && value.has("Fn::If")) {
            JsonNode args = value.get("Fn::If");
            JsonNode chosen = holds(args.get(0).asText()) ? args.get(1) : args.get(2);
            return isNoValue(chosen) ? null : apply(chosen);
        }
        if (value.isArray()) {
            ArrayNode out = EventCodec.MAPPER.createArrayNode();
            value.forEach(v -> {
                JsonNode applied = apply(v);
                if (applied != null) {
                    out.add(applied);
                }
            });
            return out;
        }
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode applied = apply(e.getValue());
            if (applied != null) {
                out.set(e.getKey(), applied);
            }
        }
        return out;
    }

    private boolean evaluate(JsonNode c) {
        if (c.has("Condition")) {
            return holds(c.get("Condition").asText());
        }
        if (c.has("Fn::Equals")) {
            JsonNode args = c.get("Fn::Equals");
            return Objects.equals(resources.resolve(apply(args.get(0))), resources.resolve(apply(args.get(1))));
        }
        if (c.has("Fn::Not")) {
            return !evaluate(c.get("Fn::Not").get(0));
        }
        if (c.has("Fn::And")) {
            for (JsonNode part : c.get("Fn::And")) {
                if (!evaluate(part)) {
                    return false;
                }
            }
            return true;
        }
        if (c.has("Fn::Or")) {
            for (JsonNode part : c.get("Fn::Or")) {
                if (evaluate(part)) {
                    return true;
                }
            }
            return false;
        }
        throw new IllegalArgumentException("unsupported condition locally: " + c);
    }

    private static boolean isNoValue(JsonNode node) {
        return node != null && node.isObject() && "AWS::NoValue".equals(node.path("Ref").asText(null));
    }
}
