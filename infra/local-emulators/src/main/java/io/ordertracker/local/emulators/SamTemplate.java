package io.ordertracker.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml as a JSON tree, with CloudFormation's short-form intrinsics ({@code !Ref X}, {@code !GetAtt A.B},
 * {@code !Sub ...}) turned into their long forms ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A","B"]}}, ...),
 * so the local runtime reads the same template the cloud deploys.
 */
public final class SamTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    public static SamTemplate load(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            Object tree = new Yaml(new IntrinsicConstructor()).load(reader);
            return new SamTemplate(JSON.valueToTree(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Finds template.yaml by walking up from the working directory (tests run inside module folders). */
    public static Path locate() {
        String override = System.getProperty("ordertracker.template", System.getenv("ORDER_TRACKER_TEMPLATE"));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.exists(candidate) && Files.exists(dir.resolve("functions"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public JsonNode root() {
        return root;
    }

    public JsonNode globals() {
        return root.path("Globals");
    }

    /** Logical id -> resource node, in template order. */
    public Map<String, JsonNode> resources() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        resources().forEach((id, node) -> {
            if (type.equals(node.path("Type").asText())) {
                out.put(id, node);
            }
        });
        return out;
    }

    /** Parameter defaults, for resolving {@code !Ref Param}. */
    public Map<String, String> parameterDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        root.path("Parameters").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("Default").asText("")));
        return out;
    }

    /** Maps every {@code !Tag value} to {@code {"Ref"|"Fn::Tag": value}}, as CloudFormation does. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String key = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value = constructPlain(node);
                    if (tag.equals("GetAtt") && value instanceof String s) {
                        int dot = s.indexOf('.');
                        value = List.of(s.substring(0, dot), s.substring(dot + 1));
                    }
                    Map<String, Object> wrapped = new LinkedHashMap<>();
                    wrapped.put(key, value);
                    return wrapped;
                }
            });
        }

        private Object constructPlain(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            if (node instanceof SequenceNode seq) {
                List<Object> list = new ArrayList<>();
                for (Node child : seq.getValue()) {
                    list.add(constructObject(child));
                }
                return list;
            }
            if (node instanceof MappingNode map) {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.getValue().forEach(t -> out.put(constructObject(t.getKeyNode()), constructObject(t.getValueNode())));
                return out;
            }
            throw new IllegalArgumentException("unexpected YAML node " + node);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
