package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} as the template declares it, with the Globals applied: handler, memory,
 * timeout, the raw environment (intrinsics still unresolved) and its event sources by name.
 */
record FunctionSpec(String logicalId, String handlerClass, String handlerMethod, int memoryMb, int timeoutSeconds,
                    Map<String, JsonNode> environment, Map<String, JsonNode> events) {

    static Map<String, FunctionSpec> all(SamTemplate template) {
        JsonNode globals = template.globals().path("Function");
        Map<String, FunctionSpec> out = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, node) -> {
            JsonNode p = node.path("Properties");
            String handler = p.path("Handler").asText(globals.path("Handler").asText(""));
            int sep = handler.indexOf("::");
            String cls = sep < 0 ? handler : handler.substring(0, sep);
            String method = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
            Map<String, JsonNode> env = new LinkedHashMap<>();
            globals.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            p.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            Map<String, JsonNode> events = new LinkedHashMap<>();
            p.path("Events").fields().forEachRemaining(e -> events.put(e.getKey(), e.getValue()));
            out.put(id, new FunctionSpec(id, cls, method,
                    p.path("MemorySize").asInt(globals.path("MemorySize").asInt(128)),
                    p.path("Timeout").asInt(globals.path("Timeout").asInt(3)), env, events));
        });
        return out;
    }

    String arn() {
        return "arn:aws:lambda:us-east-1:" + LocalResources.ACCOUNT + ":function:" + logicalId;
    }

    /** The events of one type ({@code HttpApi}, {@code SQS}, {@code DynamoDB}, {@code Schedule}, ...). */
    Map<String, JsonNode> eventsOfType(String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        events.forEach((name, e) -> {
            if (type.equals(e.path("Type").asText())) {
                out.put(name, e.path("Properties"));
            }
        });
        return out;
    }
}
