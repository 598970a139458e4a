package io.ordertracker.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules template.yaml must keep, read from the tree {@code SamTemplate} loads (short-form intrinsics in their long
 * forms: {@code {"Ref": id}}, {@code {"Fn::GetAtt": [id, attribute]}}, {@code {"Fn::Sub": text}}). Each rule
 * returns the violations it finds, one readable sentence each; an empty list means the rule holds. They exist
 * because the local runtime and the emulators do not enforce IAM, KMS or CloudWatch, so a template that breaks one
 * of these still passes every other test and fails only once deployed.
 */
final class TemplateInvariants {
    static final Set<String> TABLE_ITEM_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem", "dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete");
    /** What a queue without VisibilityTimeout gets (SQS) and a function without Timeout (Lambda). */
    static final int SQS_DEFAULT_VISIBILITY_SECONDS = 30;
    static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
    private static final Pattern SERVICE_WILDCARD = Pattern.compile("[A-Za-z0-9-]+:\\*");

    private final JsonNode root;

    TemplateInvariants(JsonNode root) {
        this.root = root;
    }

    /** Every rule at once. */
    List<String> all(String expiryAttribute) {
        List<String> out = new ArrayList<>();
        out.addAll(topicsAreEncrypted());
        out.addAll(queuesAndTablesAreEncrypted());
        out.addAll(awsServicePublishersCanUseTheTopicKey());
        out.addAll(functionPublishersCanUseTheTopicKey());
        out.addAll(sqsEventSourcesRedriveToADeadLetterQueue());
        out.addAll(deadLetterQueuesHaveAnAlarm());
        out.addAll(queueVisibilityCoversSixConsumerTimeouts());
        out.addAll(streamEventSourcesGiveUpBoundedly());
        out.addAll(noWildcardActions());
        out.addAll(everyFunctionLogGroupHasRetention());
        out.addAll(tableItemPermissionsCarryLeadingKeys());
        out.addAll(tablesExpireItemsBy(expiryAttribute));
        out.addAll(localOnlyFlagsAreNeverSet());
        return out;
    }

    /**
     * Environment variables only the local runtime may set (functions/webhooks EndpointUrls.LOCAL_FLAG: http and
     * loopback webhook endpoints): named nowhere in the template, Globals and parameters included, so no deploy can
     * turn them on.
     */
    static final List<String> LOCAL_ONLY_VARIABLES = List.of("WEBHOOKS_ALLOW_LOCAL_HTTP");

    List<String> localOnlyFlagsAreNeverSet() {
        List<String> out = new ArrayList<>();
        String text = root.toString();
        for (String name : LOCAL_ONLY_VARIABLES) {
            if (text.contains(name)) {
                out.add(name + " appears in the template; only the local runtime may set it");
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ topics

    List<String> topicsAreEncrypted() {
        List<String> out = new ArrayList<>();
        resourcesOfType("AWS::SNS::Topic").forEach((id, topic) -> {
            if (!topic.path("Properties").has("KmsMasterKeyId")) {
                out.add(id + " is not encrypted at rest (no KmsMasterKeyId)");
            }
        });
        return out;
    }

    /** Shopper contact data passes through the queues and sits in the table: both say how they are encrypted. */
    List<String> queuesAndTablesAreEncrypted() {
        List<String> out = new ArrayList<>();
        resourcesOfType("AWS::SQS::Queue").forEach((id, queue) -> {
            JsonNode p = queue.path("Properties");
            if (!p.path("SqsManagedSseEnabled").asBoolean(false) && !p.has("KmsMasterKeyId")) {
                out.add(id + " does not declare encryption at rest (SqsManagedSseEnabled or KmsMasterKeyId)");
            }
        });
        resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            if (!table.path("Properties").path("SSESpecification").path("SSEEnabled").asBoolean(false)) {
                out.add(id + " does not declare KMS encryption at rest (SSESpecification.SSEEnabled)");
            }
        });
        return out;
    }

    /**
     * An AWS service that publishes to an encrypted topic asks KMS for a data key itself: the topic's key must be
     * one of the template's own keys whose policy lets that service use it (the AWS-managed alias/aws/sns key's
     * policy cannot be changed), and a topic policy must let the service publish.
     */
    List<String> awsServicePublishersCanUseTheTopicKey() {
        List<String> out = new ArrayList<>();
        publishingServices().forEach((topic, services) -> {
            for (String service : services) {
                if (!topicPolicyAllows(topic, service)) {
                    out.add("no AWS::SNS::TopicPolicy lets " + service + " publish to " + topic);
                }
            }
            JsonNode keyId = resource(topic).path("Properties").path("KmsMasterKeyId");
            if (keyId.isMissingNode()) {
                return;
            }
            Optional<String> key = templateKey(keyId);
            if (key.isEmpty()) {
                out.add(topic + " is encrypted with " + describe(keyId) + ", not a key of this template whose policy"
                        + " can let " + String.join(" and ", services) + " use it; its messages are dropped");
                return;
            }
            for (String service : services) {
                if (!keyPolicyLetsServiceEncrypt(key.get(), service)) {
                    out.add("the key policy of " + key.get() + " (" + topic + ") does not let " + service
                            + " use kms:GenerateDataKey* and kms:Decrypt");
                }
            }
        });
        return out;
    }

    /** A function that publishes to a topic on a template key needs that key's data keys in its own IAM policy. */
    List<String> functionPublishersCanUseTheTopicKey() {
        List<String> out = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((fn, node) -> {
            List<JsonNode> statements = inlineStatements(node);
            for (JsonNode st : statements) {
                if (!allows(st, "sns:Publish")) {
                    continue;
                }
                for (JsonNode resource : asList(st.path("Resource"))) {
                    String topic = logicalId(resource).orElse(null);
                    if (topic == null || !"AWS::SNS::Topic".equals(resource(topic).path("Type").asText())) {
                        continue;
                    }
                    Optional<String> key = templateKey(resource(topic).path("Properties").path("KmsMasterKeyId"));
                    if (key.isPresent() && !(grantsOnKey(statements, key.get(), "kms:GenerateDataKey")
                            && grantsOnKey(statements, key.get(), "kms:Decrypt"))) {
                        out.add(fn + " publishes to " + topic + " but may not use kms:GenerateDataKey and kms:Decrypt"
                                + " on its key " + key.get());
                    }
                }
            }
        });
        return out;
    }

    /** Topic logical id -> the AWS services (service principals) that publish to it. */
    Map<String, Set<String>> publishingServices() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            for (String actions : List.of("AlarmActions", "OKActions", "InsufficientDataActions")) {
                for (JsonNode target : asList(alarm.path("Properties").path(actions))) {
                    topicOf(target).ifPresent(t -> out.computeIfAbsent(t, k -> new LinkedHashSet<>()).add("cloudwatch.amazonaws.com"));
                }
            }
        });
        resourcesOfType("AWS::SES::ConfigurationSetEventDestination").forEach((id, dest) ->
                topicOf(dest.path("Properties").path("EventDestination").path("SnsDestination").path("TopicARN"))
                        .ifPresent(t -> out.computeIfAbsent(t, k -> new LinkedHashSet<>()).add("ses.amazonaws.com")));
        resourcesOfType("AWS::Events::Rule").forEach((id, rule) -> {
            for (JsonNode target : asList(rule.path("Properties").path("Targets"))) {
                topicOf(target.path("Arn")).ifPresent(t -> out.computeIfAbsent(t, k -> new LinkedHashSet<>()).add("events.amazonaws.com"));
            }
        });
        resourcesOfType("AWS::SNS::TopicPolicy").forEach((id, policy) -> {
            for (JsonNode st : asList(policy.path("Properties").path("PolicyDocument").path("Statement"))) {
                if (!allows(st, "sns:Publish")) {
                    continue;
                }
                for (JsonNode topic : asList(policy.path("Properties").path("Topics"))) {
                    topicOf(topic).ifPresent(t -> servicePrincipals(st).forEach(
                            s -> out.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(s)));
                }
            }
        });
        return out;
    }

    private boolean topicPolicyAllows(String topic, String service) {
        for (JsonNode policy : resourcesOfType("AWS::SNS::TopicPolicy").values()) {
            boolean covers = asList(policy.path("Properties").path("Topics")).stream()
                    .anyMatch(t -> topicOf(t).filter(topic::equals).isPresent());
            if (covers && asList(policy.path("Properties").path("PolicyDocument").path("Statement")).stream()
                    .anyMatch(st -> allows(st, "sns:Publish") && servicePrincipals(st).contains(service))) {
                return true;
            }
        }
        return false;
    }

    /** "*", the table's ARN, or a pattern on it that is not one of its indexes ("${T.Arn}*" covers the table). */
    private static boolean coversTable(JsonNode resource, Set<String> tables) {
        if (resource.isTextual()) {
            return resource.asText().equals("*");
        }
        if (logicalId(resource).filter(tables::contains).isEmpty()) {
            return false;
        }
        if (!resource.has("Fn::Sub")) {
            return true;
        }
        String text = resource.get("Fn::Sub").asText();
        return !text.substring(text.indexOf('}') + 1).startsWith("/index/");
    }

    private boolean keyPolicyLetsServiceEncrypt(String key, String service) {
        List<JsonNode> statements = asList(resource(key).path("Properties").path("KeyPolicy").path("Statement"));
        return statements.stream().anyMatch(st -> servicePrincipals(st).contains(service) && allows(st, "kms:GenerateDataKey"))
                && statements.stream().anyMatch(st -> servicePrincipals(st).contains(service) && allows(st, "kms:Decrypt"));
    }

    private boolean grantsOnKey(List<JsonNode> statements, String key, String action) {
        return statements.stream().anyMatch(st -> allows(st, action)
                && asList(st.path("Resource")).stream().anyMatch(r -> logicalId(r).filter(key::equals).isPresent()));
    }

    /** The template's AWS::KMS::Key a KmsMasterKeyId points at (directly or through an AWS::KMS::Alias). */
    private Optional<String> templateKey(JsonNode keyId) {
        Optional<String> id = logicalId(keyId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String type = resource(id.get()).path("Type").asText();
        if (type.equals("AWS::KMS::Key")) {
            return id;
        }
        if (type.equals("AWS::KMS::Alias")) {
            return templateKey(resource(id.get()).path("Properties").path("TargetKeyId"));
        }
        return Optional.empty();
    }

    private Optional<String> topicOf(JsonNode value) {
        return logicalId(value).filter(id -> "AWS::SNS::Topic".equals(resource(id).path("Type").asText()));
    }

    // ------------------------------------------------------------------------------------------ event sources

    List<String> sqsEventSourcesRedriveToADeadLetterQueue() {
        List<String> out = new ArrayList<>();
        eventsOfType("SQS").forEach((where, event) -> {
            String queue = logicalId(event.path("Queue")).orElse(null);
            if (queue == null) {
                out.add(where + " reads a queue outside the template: its dead-letter queue cannot be checked");
                return;
            }
            JsonNode target = resource(queue).path("Properties").path("RedrivePolicy").path("deadLetterTargetArn");
            Optional<String> dlq = logicalId(target).filter(id -> "AWS::SQS::Queue".equals(resource(id).path("Type").asText()));
            if (dlq.isEmpty()) {
                out.add(queue + " (read by " + where + ") has no redrive policy to a dead-letter queue of this template");
            }
        });
        return out;
    }

    /**
     * Every queue something gives up into (a redrive target, a function's DeadLetterQueue, an event source's
     * on-failure destination) has an alarm with an action: a dead letter nobody hears about is a lost message.
     */
    List<String> deadLetterQueuesHaveAnAlarm() {
        Set<String> dlqs = new LinkedHashSet<>();
        resourcesOfType("AWS::SQS::Queue").forEach((id, q) ->
                logicalId(q.path("Properties").path("RedrivePolicy").path("deadLetterTargetArn")).ifPresent(dlqs::add));
        resourcesOfType("AWS::Serverless::Function").forEach((id, fn) ->
                logicalId(fn.path("Properties").path("DeadLetterQueue").path("TargetArn")).ifPresent(dlqs::add));
        eventsOfType("DynamoDB", "Kinesis", "SQS").forEach((where, event) ->
                logicalId(event.path("DestinationConfig").path("OnFailure").path("Destination")).ifPresent(dlqs::add));
        dlqs.removeIf(id -> !"AWS::SQS::Queue".equals(resource(id).path("Type").asText()));
        List<String> out = new ArrayList<>();
        for (String dlq : dlqs) {
            boolean alarmed = resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                    .anyMatch(a -> mentions(a.path("Properties"), dlq) && !asList(a.path("Properties").path("AlarmActions")).isEmpty());
            if (!alarmed) {
                out.add("dead-letter queue " + dlq + " has no alarm with an action");
            }
        }
        return out;
    }

    /** Lambda's rule: a queue's visibility timeout at least six times its consumer's timeout, or batches run twice. */
    List<String> queueVisibilityCoversSixConsumerTimeouts() {
        List<String> out = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((fn, node) -> {
            int timeout = timeoutOf(node);
            eventsOf(node, "SQS").forEach((name, event) -> logicalId(event.path("Queue")).ifPresent(queue -> {
                int visibility = resource(queue).path("Properties").path("VisibilityTimeout").asInt(SQS_DEFAULT_VISIBILITY_SECONDS);
                if (visibility < 6 * timeout) {
                    out.add(queue + " VisibilityTimeout " + visibility + " s is under 6 x " + fn + "'s Timeout ("
                            + timeout + " s = " + 6 * timeout + " s)");
                }
            }));
        });
        return out;
    }

    List<String> streamEventSourcesGiveUpBoundedly() {
        List<String> out = new ArrayList<>();
        eventsOfType("DynamoDB", "Kinesis").forEach((where, event) -> {
            JsonNode retries = event.path("MaximumRetryAttempts");
            if (retries.isMissingNode() || retries.asInt(-1) < 0) {
                out.add(where + " retries without bound (MaximumRetryAttempts " + describe(retries) + ")");
            }
            if (!event.path("BisectBatchOnFunctionError").asBoolean(false)) {
                out.add(where + " does not bisect a failing batch (BisectBatchOnFunctionError)");
            }
            if (event.path("DestinationConfig").path("OnFailure").path("Destination").isMissingNode()) {
                out.add(where + " has no on-failure destination");
            }
        });
        return out;
    }

    // --------------------------------------------------------------------------------------------------- IAM

    /**
     * No policy allows "*" or "service:*". One statement is exempt: a KMS key policy granting the account root,
     * which is what keeps a key administrable and lets IAM policies grant its use (AWS's default key policy).
     */
    List<String> noWildcardActions() {
        List<String> out = new ArrayList<>();
        policyDocuments().forEach((where, statements) -> {
            for (JsonNode st : statements) {
                if (where.startsWith("AWS::KMS::Key ") && grantsAccountRoot(st)) {
                    continue;
                }
                for (JsonNode action : asList(st.path("Action"))) {
                    String a = action.asText();
                    if (a.equals("*") || SERVICE_WILDCARD.matcher(a).matches()) {
                        out.add(where + " allows the wildcard action " + a);
                    }
                }
            }
        });
        resourcesOfType("AWS::Serverless::Function").forEach((fn, node) -> {
            for (JsonNode policy : asList(node.path("Properties").path("Policies"))) {
                if (!policy.has("Statement")) {
                    out.add(fn + " has a policy that is not an inline statement list (" + describe(policy)
                            + "): its actions cannot be checked");
                }
            }
        });
        return out;
    }

    /**
     * Every item-level permission on a table carries ForAllValues:StringLike on dynamodb:LeadingKeys, so a function
     * reaches only the partitions its code uses. Index ARNs are exempt (there LeadingKeys would name the index's
     * partition key), and Scan is refused outright: it has no leading key, so the condition would not limit it.
     */
    List<String> tableItemPermissionsCarryLeadingKeys() {
        List<String> out = new ArrayList<>();
        Set<String> tables = resourcesOfType("AWS::DynamoDB::Table").keySet();
        policyDocuments().forEach((where, statements) -> {
            for (JsonNode st : statements) {
                if (!"Allow".equals(st.path("Effect").asText())) {
                    continue;
                }
                List<String> itemActions = asList(st.path("Action")).stream().map(JsonNode::asText)
                        .filter(TABLE_ITEM_ACTIONS::contains).toList();
                boolean onTable = asList(st.path("Resource")).stream().anyMatch(r -> coversTable(r, tables));
                if (itemActions.isEmpty() || !onTable) {
                    continue;
                }
                if (itemActions.contains("dynamodb:Scan")) {
                    out.add(where + " allows dynamodb:Scan on the table (LeadingKeys cannot limit a scan)");
                }
                JsonNode prefixes = st.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys");
                List<JsonNode> values = asList(prefixes);
                if (values.isEmpty() || values.stream().anyMatch(v -> v.asText().isBlank() || v.asText().equals("*"))) {
                    out.add(where + " allows " + itemActions + " on the table without a ForAllValues:StringLike"
                            + " dynamodb:LeadingKeys condition naming the partition key prefixes it uses");
                }
            }
        });
        return out;
    }

    // ------------------------------------------------------------------------------------------- logs, data

    List<String> everyFunctionLogGroupHasRetention() {
        List<String> out = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((fn, node) -> {
            JsonNode group = node.path("Properties").path("LoggingConfig").path("LogGroup");
            Optional<String> id = logicalId(group).filter(g -> "AWS::Logs::LogGroup".equals(resource(g).path("Type").asText()));
            if (id.isEmpty()) {
                id = resourcesOfType("AWS::Logs::LogGroup").entrySet().stream()
                        .filter(e -> e.getValue().path("Properties").path("LogGroupName").path("Fn::Sub").asText()
                                .equals("/aws/lambda/${" + fn + "}"))
                        .map(Map.Entry::getKey).findFirst();
            }
            if (id.isEmpty()) {
                out.add(fn + " logs to a log group this template does not declare (kept forever)");
            } else if (resource(id.get()).path("Properties").path("RetentionInDays").isMissingNode()) {
                out.add(fn + "'s log group " + id.get() + " has no RetentionInDays");
            }
        });
        return out;
    }

    /** Every table lets DynamoDB expire items by the attribute the code writes expiry times into. */
    List<String> tablesExpireItemsBy(String attribute) {
        List<String> out = new ArrayList<>();
        resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            JsonNode ttl = table.path("Properties").path("TimeToLiveSpecification");
            if (!ttl.path("Enabled").asBoolean(false) || !attribute.equals(ttl.path("AttributeName").asText())) {
                out.add(id + " does not expire items by " + attribute + " (TimeToLiveSpecification)");
            }
        });
        return out;
    }

    // -------------------------------------------------------------------------------------------- helpers

    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private JsonNode resource(String id) {
        return root.path("Resources").path(id);
    }

    /** "Function.Event" -> the event's Properties, for every event of the given types. */
    private Map<String, JsonNode> eventsOfType(String... types) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        resourcesOfType("AWS::Serverless::Function").forEach((fn, node) -> {
            for (String type : types) {
                eventsOf(node, type).forEach((name, props) -> out.put(fn + "." + name, props));
            }
        });
        return out;
    }

    private static Map<String, JsonNode> eventsOf(JsonNode function, String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        function.path("Properties").path("Events").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return out;
    }

    private int timeoutOf(JsonNode function) {
        return function.path("Properties").path("Timeout")
                .asInt(root.path("Globals").path("Function").path("Timeout").asInt(LAMBDA_DEFAULT_TIMEOUT_SECONDS));
    }

    /** Where -> statements, for every policy document: functions' inline policies, IAM, topic, queue and key policies. */
    private Map<String, List<JsonNode>> policyDocuments() {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        resourcesOfType("AWS::Serverless::Function").forEach((fn, node) -> out.put(fn, inlineStatements(node)));
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy")) {
            resourcesOfType(type).forEach((id, node) ->
                    out.put(type + " " + id, asList(node.path("Properties").path("PolicyDocument").path("Statement"))));
        }
        resourcesOfType("AWS::IAM::Role").forEach((id, node) -> {
            List<JsonNode> statements = new ArrayList<>();
            asList(node.path("Properties").path("Policies"))
                    .forEach(p -> statements.addAll(asList(p.path("PolicyDocument").path("Statement"))));
            out.put("AWS::IAM::Role " + id, statements);
        });
        resourcesOfType("AWS::KMS::Key").forEach((id, node) ->
                out.put("AWS::KMS::Key " + id, asList(node.path("Properties").path("KeyPolicy").path("Statement"))));
        return out;
    }

    private static List<JsonNode> inlineStatements(JsonNode function) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode policy : asList(function.path("Properties").path("Policies"))) {
            out.addAll(asList(policy.path("Statement")));
        }
        return out;
    }

    /** Whether an Allow statement's actions cover {@code action} (exactly, or by a trailing-* pattern). */
    private static boolean allows(JsonNode statement, String action) {
        if (!"Allow".equals(statement.path("Effect").asText())) {
            return false;
        }
        for (JsonNode a : asList(statement.path("Action"))) {
            String pattern = a.asText();
            if (pattern.equalsIgnoreCase(action)
                    || pattern.endsWith("*") && action.toLowerCase().startsWith(pattern.substring(0, pattern.length() - 1).toLowerCase())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> servicePrincipals(JsonNode statement) {
        Set<String> out = new LinkedHashSet<>();
        asList(statement.path("Principal").path("Service")).forEach(s -> out.add(s.asText()));
        return out;
    }

    private static boolean grantsAccountRoot(JsonNode statement) {
        JsonNode aws = statement.path("Principal").path("AWS");
        String text = aws.has("Fn::Sub") ? aws.get("Fn::Sub").asText() : aws.asText();
        return text.endsWith(":root") && text.contains("${AWS::AccountId}");
    }

    /** The logical id a value points at: {@code Ref}, {@code Fn::GetAtt}, or a {@code Fn::Sub} that starts with one. */
    static Optional<String> logicalId(JsonNode value) {
        if (value == null || !value.isObject()) {
            return Optional.empty();
        }
        if (value.has("Ref")) {
            return Optional.of(value.get("Ref").asText());
        }
        if (value.has("Fn::GetAtt")) {
            return Optional.of(value.get("Fn::GetAtt").get(0).asText());
        }
        if (value.has("Fn::Sub") && value.get("Fn::Sub").isTextual()) {
            String text = value.get("Fn::Sub").asText();
            if (text.startsWith("${") && text.indexOf('}') > 0) {
                String name = text.substring(2, text.indexOf('}'));
                return Optional.of(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
            }
        }
        return Optional.empty();
    }

    /** Whether any Ref or GetAtt under {@code node} points at {@code id}. */
    private static boolean mentions(JsonNode node, String id) {
        if (logicalId(node).filter(id::equals).isPresent()) {
            return true;
        }
        for (JsonNode child : node) {
            if (mentions(child, id)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    private static String describe(JsonNode value) {
        return value.isMissingNode() ? "missing" : value.toString();
    }
}
