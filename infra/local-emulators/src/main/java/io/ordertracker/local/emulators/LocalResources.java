package io.ordertracker.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's tables and queues on the local emulators and resolves the intrinsics that point at
 * them ({@code !Ref}, {@code !GetAtt}, {@code !Sub}), so functions get the same environment they get on AWS.
 */
public final class LocalResources {
    public static final String ACCOUNT = "000000000000";
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!]+)}");

    private final SamTemplate template;
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> atts = new HashMap<>();

    public LocalResources(SamTemplate template) {
        this.template = template;
        refs.put("AWS::Region", LocalAws.REGION.id());
        refs.put("AWS::AccountId", ACCOUNT);
        refs.put("AWS::StackName", "order-tracker-local");
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        refs.put("AWS::NoValue", "");
        refs.putAll(template.parameterDefaults());
    }

    public SamTemplate template() {
        return template;
    }

    /** Creates every AWS::DynamoDB::Table, named after its logical id. */
    public LocalResources createTables(DynamoDbClient dynamo) {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, node) -> {
            JsonNode p = node.path("Properties");
            CreateTableRequest.Builder req = CreateTableRequest.builder()
                    .tableName(id)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(list(p.path("AttributeDefinitions"), a -> AttributeDefinition.builder()
                            .attributeName(a.path("AttributeName").asText())
                            .attributeType(a.path("AttributeType").asText()).build()))
                    .keySchema(keySchema(p.path("KeySchema")));
            if (p.has("GlobalSecondaryIndexes")) {
                req.globalSecondaryIndexes(list(p.path("GlobalSecondaryIndexes"), g -> GlobalSecondaryIndex.builder()
                        .indexName(g.path("IndexName").asText())
                        .keySchema(keySchema(g.path("KeySchema")))
                        .projection(projection(g.path("Projection"))).build()));
            }
            if (p.has("StreamSpecification")) {
                req.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(p.path("StreamSpecification").path("StreamViewType").asText()).build());
            }
            if (!dynamo.listTables().tableNames().contains(id)) {
                dynamo.createTable(req.build());
            }
            refs.put(id, id);
            atts.put(id + ".Arn", "arn:aws:dynamodb:" + LocalAws.REGION.id() + ":" + ACCOUNT + ":table/" + id);
            String streamArn = dynamo.describeTable(b -> b.tableName(id)).table().latestStreamArn();
            if (streamArn != null) {
                atts.put(id + ".StreamArn", streamArn);
            }
        });
        return this;
    }

    /** Creates every AWS::SQS::Queue (dead-letter queues first), with visibility timeout and redrive policy. */
    public LocalResources createQueues(SqsClient sqs) {
        Map<String, JsonNode> queues = template.resourcesOfType("AWS::SQS::Queue");
        List<String> order = new ArrayList<>();
        queues.forEach((id, node) -> {
            if (!node.path("Properties").has("RedrivePolicy")) {
                order.add(id);
            }
        });
        queues.keySet().stream().filter(id -> !order.contains(id)).forEach(order::add);
        for (String id : order) {
            JsonNode p = queues.get(id).path("Properties");
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            if (p.has("VisibilityTimeout")) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, resolve(p.get("VisibilityTimeout")));
            }
            if (p.has("MessageRetentionPeriod")) {
                attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, resolve(p.get("MessageRetentionPeriod")));
            }
            if (p.has("RedrivePolicy")) {
                JsonNode rp = p.get("RedrivePolicy");
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\""
                        + resolve(rp.get("deadLetterTargetArn")) + "\",\"maxReceiveCount\":\""
                        + resolve(rp.get("maxReceiveCount")) + "\"}");
            }
            // FIFO queues (FifoQueue: true) are named with .fifo, as CloudFormation names them
            boolean fifo = p.path("FifoQueue").asBoolean(false);
            String name = fifo ? id + ".fifo" : id;
            if (fifo) {
                attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
                attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                        Boolean.toString(p.path("ContentBasedDeduplication").asBoolean(false)));
            }
            String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
            refs.put(id, url);
            atts.put(id + ".QueueUrl", url);
            atts.put(id + ".QueueName", name);
            atts.put(id + ".Arn", "arn:aws:sqs:" + LocalAws.REGION.id() + ":" + ACCOUNT + ":" + name);
        }
        return this;
    }

    /** Registers a resource created elsewhere (a topic on moto, a function), for intrinsic resolution. */
    public void register(String logicalId, String ref, Map<String, String> attributes) {
        refs.put(logicalId, ref);
        attributes.forEach((k, v) -> atts.put(logicalId + "." + k, v));
    }

    public Optional<String> ref(String logicalId) {
        return Optional.ofNullable(refs.get(logicalId));
    }

    public Optional<String> att(String logicalId, String attribute) {
        return Optional.ofNullable(atts.get(logicalId + "." + attribute));
    }

    /** Resolves a template value: a literal, Ref, Fn::GetAtt, Fn::Sub (string form or [string, vars]). */
    public String resolve(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            String id = value.get("Ref").asText();
            return ref(id).orElseThrow(() -> new IllegalArgumentException("unresolved !Ref " + id));
        }
        if (value.has("Fn::GetAtt")) {
            JsonNode parts = value.get("Fn::GetAtt");
            String id = parts.get(0).asText();
            String attribute = parts.get(1).asText();
            return att(id, attribute).orElseThrow(() -> new IllegalArgumentException("unresolved !GetAtt " + id + "." + attribute));
        }
        if (value.has("Fn::Sub")) {
            JsonNode sub = value.get("Fn::Sub");
            Map<String, String> vars = new HashMap<>();
            String text;
            if (sub.isArray()) {
                text = sub.get(0).asText();
                sub.get(1).fields().forEachRemaining(e -> vars.put(e.getKey(), resolve(e.getValue())));
            } else {
                text = sub.asText();
            }
            Matcher m = SUB_VAR.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String replacement = vars.containsKey(name) ? vars.get(name) : subVariable(name);
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value.has("Fn::If")) {
            JsonNode branches = value.get("Fn::If");
            JsonNode chosen = condition(branches.get(0).asText()) ? branches.get(1) : branches.get(2);
            return chosen.isObject() && chosen.has("Ref") && "AWS::NoValue".equals(chosen.get("Ref").asText())
                    ? null : resolve(chosen);
        }
        if (value.has("Fn::Join")) {
            JsonNode join = value.get("Fn::Join");
            List<String> parts = new ArrayList<>();
            join.get(1).forEach(part -> parts.add(resolve(part)));
            return String.join(join.get(0).asText(), parts);
        }
        throw new IllegalArgumentException("unsupported intrinsic locally: " + value);
    }

    /** Evaluates a named entry of the template's Conditions (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition). */
    public boolean condition(String name) {
        JsonNode node = template.root().path("Conditions").path(name);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("unknown condition " + name);
        }
        return evaluate(node);
    }

    private boolean evaluate(JsonNode node) {
        if (node.has("Condition")) {
            return condition(node.get("Condition").asText());
        }
        if (node.has("Fn::Equals")) {
            String a = resolve(node.get("Fn::Equals").get(0));
            String b = resolve(node.get("Fn::Equals").get(1));
            return java.util.Objects.equals(a == null ? "" : a, b == null ? "" : b);
        }
        if (node.has("Fn::Not")) {
            return !evaluate(node.get("Fn::Not").get(0));
        }
        if (node.has("Fn::And")) {
            for (JsonNode c : node.get("Fn::And")) {
                if (!evaluate(c)) {
                    return false;
                }
            }
            return true;
        }
        if (node.has("Fn::Or")) {
            for (JsonNode c : node.get("Fn::Or")) {
                if (evaluate(c)) {
                    return true;
                }
            }
            return false;
        }
        throw new IllegalArgumentException("unsupported condition locally: " + node);
    }

    private String subVariable(String name) {
        int dot = name.indexOf('.');
        if (dot > 0) {
            return att(name.substring(0, dot), name.substring(dot + 1))
                    .orElseThrow(() -> new IllegalArgumentException("unresolved ${" + name + "}"));
        }
        return ref(name).orElseThrow(() -> new IllegalArgumentException("unresolved ${" + name + "}"));
    }

    private static List<KeySchemaElement> keySchema(JsonNode node) {
        return list(node, k -> KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build());
    }

    private static Projection projection(JsonNode node) {
        Projection.Builder b = Projection.builder().projectionType(node.path("ProjectionType").asText("ALL"));
        if (node.has("NonKeyAttributes")) {
            List<String> attrs = new ArrayList<>();
            node.get("NonKeyAttributes").forEach(a -> attrs.add(a.asText()));
            b.nonKeyAttributes(attrs);
        }
        return b.build();
    }

    private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(f.apply(n)));
        return out;
    }
}
