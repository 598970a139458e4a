package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SNS topics (on moto) delivering to functions: each {@code SNS} event of a function, and each
 * {@code AWS::SNS::Subscription} with protocol lambda, becomes an HTTP subscription on moto pointing at
 * {@code /_local/sns/<Function>}; a delivery is acknowledged at once and the function invoked asynchronously with
 * the SNS event (retried twice on error, as Lambda does for asynchronous invocations).
 */
final class SnsSubscriptions implements AutoCloseable {
    private static final String PREFIX = "/_local/sns/";

    private final Map<String, LocalFunction> targets = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    void subscribeAll(SamTemplate template, LocalResources resources, Map<String, LocalFunction> functions,
                      SnsClient sns, String baseUrl, Consumer<String> warn) {
        for (LocalFunction f : functions.values()) {
            f.spec().eventsOfType("SNS").forEach((name, props) -> {
                try {
                    subscribe(sns, resources.resolve(props.get("Topic")), f, baseUrl);
                } catch (RuntimeException e) {
                    warn.accept(f.name() + "." + name + ": SNS subscription not created locally: " + e.getMessage());
                }
            });
        }
        template.resourcesOfType("AWS::SNS::Subscription").forEach((id, node) -> {
            JsonNode p = node.path("Properties");
            if (!"lambda".equals(p.path("Protocol").asText())) {
                return;
            }
            LocalFunction f = functions.get(HttpRoutes.refTarget(p.get("Endpoint")));
            if (f == null) {
                warn.accept(id + ": its function is not running");
                return;
            }
            try {
                subscribe(sns, resources.resolve(p.get("TopicArn")), f, baseUrl);
            } catch (RuntimeException e) {
                warn.accept(id + ": SNS subscription not created locally: " + e.getMessage());
            }
        });
    }

    private void subscribe(SnsClient sns, String topicArn, LocalFunction f, String baseUrl) {
        targets.put(f.name(), f);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("http").endpoint(baseUrl + PREFIX + f.name()));
    }

    boolean serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith(PREFIX) || !exchange.getRequestMethod().equals("POST")) {
            return false;
        }
        LocalFunction f = targets.get(path.substring(PREFIX.length()));
        if (f == null) {
            return false;
        }
        JsonNode notification = EventCodec.parse(new String(exchange.getRequestBody().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        HttpApiGateway.send(exchange, 200, Map.of(), new byte[0]);
        if (!"Notification".equals(notification.path("Type").asText("Notification"))) {
            return true;
        }
        JsonNode event = event(notification);
        executor.submit(() -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    f.invoke(event);
                    return;
                } catch (LocalFunction.FunctionError e) {
                    System.err.println("local runtime: " + e.getMessage() + " (SNS delivery, attempt " + (attempt + 1) + " of 3)");
                }
            }
        });
        return true;
    }

    private static JsonNode event(JsonNode n) {
        ObjectNode event = EventCodec.MAPPER.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", n.path("TopicArn").asText() + ":local");
        ObjectNode sns = record.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", n.path("MessageId").asText());
        sns.put("TopicArn", n.path("TopicArn").asText());
        if (n.hasNonNull("Subject")) {
            sns.put("Subject", n.get("Subject").asText());
        }
        sns.put("Message", n.path("Message").asText());
        sns.put("Timestamp", n.path("Timestamp").asText());
        sns.put("SignatureVersion", n.path("SignatureVersion").asText("1"));
        sns.put("Signature", n.path("Signature").asText(""));
        sns.put("SigningCertUrl", n.path("SigningCertURL").asText(""));
        sns.put("UnsubscribeUrl", n.path("UnsubscribeURL").asText(""));
        ObjectNode attributes = sns.putObject("MessageAttributes");
        n.path("MessageAttributes").fields().forEachRemaining(e -> attributes.set(e.getKey(), e.getValue()));
        return event;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
