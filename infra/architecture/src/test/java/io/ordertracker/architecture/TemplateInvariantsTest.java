package io.ordertracker.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.emulators.SamTemplate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml keeps what a deploy needs and no local test can see (the emulators enforce no IAM, KMS or alarms).
 * Every rule is shown passing on the real template and failing on a copy broken the way a careless edit would.
 */
class TemplateInvariantsTest {
    static final JsonNode TEMPLATE = SamTemplate.load(ArchitectureTest.ROOT.resolve("template.yaml")).root();

    /** The attribute the storage code writes expiry times into (functions/storage Keys.EXPIRES_AT). */
    static final String EXPIRES_AT = expiresAtConstant();

    static String expiresAtConstant() {
        String keys = ArchitectureTest.read(ArchitectureTest.FUNCTIONS
                .resolve("storage/src/main/java/io/ordertracker/storage/Keys.java"));
        Matcher m = Pattern.compile("EXPIRES_AT\\s*=\\s*\"([^\"]+)\"").matcher(keys);
        assertThat(m.find()).as("Keys.EXPIRES_AT in functions/storage").isTrue();
        return m.group(1);
    }

    static ObjectNode copy() {
        return TEMPLATE.deepCopy();
    }

    static ObjectNode props(ObjectNode template, String logicalId) {
        return (ObjectNode) template.path("Resources").path(logicalId).path("Properties");
    }

    /** The function's inline policy statements, editable. */
    static ArrayNode statements(ObjectNode template, String function) {
        return (ArrayNode) props(template, function).path("Policies").get(0).path("Statement");
    }

    /** The first statement of {@code function} allowing {@code action}. */
    static ObjectNode statementAllowing(ObjectNode template, String function, String action) {
        for (JsonNode st : statements(template, function)) {
            for (JsonNode a : st.path("Action").isArray() ? st.path("Action") : JsonNodeFactory.instance.arrayNode().add(st.path("Action"))) {
                if (a.asText().equals(action)) {
                    return (ObjectNode) st;
                }
            }
        }
        throw new AssertionError(function + " has no statement allowing " + action);
    }

    static TemplateInvariants rules(JsonNode template) {
        return new TemplateInvariants(template);
    }

    @Test
    void theRealTemplateKeepsEveryRule() {
        assertThat(rules(TEMPLATE).all(EXPIRES_AT)).isEmpty();
        // the rules are about something: the template has topics AWS services publish to, and queues to give up into
        assertThat(rules(TEMPLATE).publishingServices())
                .containsKeys("OpsAlarmTopic", "EmailFeedbackTopic")
                .hasEntrySatisfying("OpsAlarmTopic", s -> assertThat(s).contains("cloudwatch.amazonaws.com"))
                .hasEntrySatisfying("EmailFeedbackTopic", s -> assertThat(s).contains("ses.amazonaws.com"));
    }

    @Test
    void aTopicServicesPublishToOnTheAwsManagedKeyFails() {
        ObjectNode t = copy();
        props(t, "OpsAlarmTopic").put("KmsMasterKeyId", "alias/aws/sns");
        assertThat(rules(t).awsServicePublishersCanUseTheTopicKey())
                .singleElement().asString().contains("OpsAlarmTopic", "alias/aws/sns", "cloudwatch.amazonaws.com");
    }

    @Test
    void aKeyPolicyThatDoesNotNameThePublishingServiceFails() {
        ObjectNode t = copy();
        ArrayNode keyStatements = (ArrayNode) props(t, "TopicKey").path("KeyPolicy").path("Statement");
        for (JsonNode st : keyStatements) {
            JsonNode service = st.path("Principal").path("Service");
            if (service.isArray()) {
                ((ObjectNode) st.path("Principal")).putArray("Service").add("cloudwatch.amazonaws.com");
            }
        }
        assertThat(rules(t).awsServicePublishersCanUseTheTopicKey())
                .singleElement().asString().contains("EmailFeedbackTopic", "ses.amazonaws.com");
    }

    @Test
    void anOpsTopicWithoutATopicPolicyForAlarmsFails() {
        ObjectNode t = copy();
        ((ObjectNode) t.path("Resources")).remove("OpsAlarmTopicPolicy");
        assertThat(rules(t).awsServicePublishersCanUseTheTopicKey())
                .singleElement().asString().contains("cloudwatch.amazonaws.com", "OpsAlarmTopic", "TopicPolicy");
    }

    @Test
    void anUnencryptedTopicFails() {
        ObjectNode t = copy();
        props(t, "ExceptionsTopic").remove("KmsMasterKeyId");
        assertThat(rules(t).topicsAreEncrypted()).singleElement().asString().contains("ExceptionsTopic");
    }

    @Test
    void anUnencryptedQueueOrTableFails() {
        ObjectNode t = copy();
        props(t, "SmsDeadLetterQueue").remove("SqsManagedSseEnabled");
        props(t, "TrackingTable").remove("SSESpecification");
        assertThat(rules(t).queuesAndTablesAreEncrypted()).hasSize(2)
                .anySatisfy(v -> assertThat(v).startsWith("SmsDeadLetterQueue"))
                .anySatisfy(v -> assertThat(v).startsWith("TrackingTable"));
    }

    @Test
    void aFunctionPublishingToAnEncryptedTopicWithoutTheKeyFails() {
        ObjectNode t = copy();
        ArrayNode statements = statements(t, "ChangeDetectorFunction");
        statements.remove(indexOf(statements, statementAllowing(t, "ChangeDetectorFunction", "kms:GenerateDataKey")));
        assertThat(rules(t).functionPublishersCanUseTheTopicKey())
                .singleElement().asString().contains("ChangeDetectorFunction", "ExceptionsTopic", "TopicKey");
    }

    @Test
    void aConsumedQueueWithoutRedriveFails() {
        ObjectNode t = copy();
        props(t, "EmailQueue").remove("RedrivePolicy");
        assertThat(rules(t).sqsEventSourcesRedriveToADeadLetterQueue())
                .singleElement().asString().contains("EmailQueue", "EmailSenderFunction");
    }

    @Test
    void aDeadLetterQueueWithoutAnAlarmFails() {
        ObjectNode t = copy();
        ((ObjectNode) t.path("Resources")).remove("SmsDeadLetterAlarm");
        ((ObjectNode) t.path("Resources")).remove("ChangeDetectorFailuresAlarm");
        assertThat(rules(t).deadLetterQueuesHaveAnAlarm())
                .containsExactlyInAnyOrder("dead-letter queue SmsDeadLetterQueue has no alarm with an action",
                        "dead-letter queue ChangeDetectorFailureQueue has no alarm with an action");
    }

    @Test
    void anAlarmWithoutActionsDoesNotCountForADeadLetterQueue() {
        ObjectNode t = copy();
        props(t, "TrackingDLQDepthAlarm").remove("AlarmActions");
        assertThat(rules(t).deadLetterQueuesHaveAnAlarm()).singleElement().asString().contains("TrackingDLQ");
    }

    @Test
    void aVisibilityTimeoutUnderSixConsumerTimeoutsFails() {
        ObjectNode t = copy();
        props(t, "TrackingWorkerFunction").put("Timeout", 91);
        props(t, "SmsQueue").remove("VisibilityTimeout");
        assertThat(rules(t).queueVisibilityCoversSixConsumerTimeouts()).containsExactlyInAnyOrder(
                "TrackingQueue VisibilityTimeout 540 s is under 6 x TrackingWorkerFunction's Timeout (91 s = 546 s)",
                "SmsQueue VisibilityTimeout 30 s is under 6 x SmsSenderFunction's Timeout (30 s = 180 s)");
    }

    @Test
    void aStreamSourceThatRetriesForeverWithoutBisectOrDestinationFails() {
        ObjectNode t = copy();
        ObjectNode stream = (ObjectNode) props(t, "ChangeDetectorFunction").path("Events").path("TableStream").path("Properties");
        stream.put("MaximumRetryAttempts", -1);
        stream.put("BisectBatchOnFunctionError", false);
        stream.remove("DestinationConfig");
        assertThat(rules(t).streamEventSourcesGiveUpBoundedly()).hasSize(3)
                .anySatisfy(v -> assertThat(v).contains("MaximumRetryAttempts -1"))
                .anySatisfy(v -> assertThat(v).contains("BisectBatchOnFunctionError"))
                .anySatisfy(v -> assertThat(v).contains("on-failure destination"));
        stream.remove("MaximumRetryAttempts");
        assertThat(rules(t).streamEventSourcesGiveUpBoundedly()).anySatisfy(v -> assertThat(v).contains("missing"));
    }

    @Test
    void wildcardActionsFailButTheKeysAccountStatementDoesNot() {
        ObjectNode t = copy();
        statementAllowing(t, "SuppressionFunction", "dynamodb:PutItem").putArray("Action").add("dynamodb:*");
        statementAllowing(t, "SmsSenderFunction", "sns:CheckIfPhoneNumberIsOptedOut").put("Action", "*");
        assertThat(rules(t).noWildcardActions()).containsExactlyInAnyOrder(
                "SuppressionFunction allows the wildcard action dynamodb:*",
                "SmsSenderFunction allows the wildcard action *");
    }

    @Test
    void aPolicyTemplateInsteadOfStatementsFails() {
        ObjectNode t = copy();
        ((ArrayNode) props(t, "TrackingPageFunction").path("Policies"))
                .addObject().putObject("DynamoDBReadPolicy").put("TableName", "x");
        assertThat(rules(t).noWildcardActions()).singleElement().asString()
                .contains("TrackingPageFunction", "not an inline statement list");
    }

    @Test
    void aTableWriteWithoutLeadingKeysFails() {
        ObjectNode t = copy();
        statementAllowing(t, "SuppressionFunction", "dynamodb:PutItem").remove("Condition");
        assertThat(rules(t).tableItemPermissionsCarryLeadingKeys())
                .singleElement().asString().contains("SuppressionFunction", "dynamodb:PutItem", "LeadingKeys");
    }

    @Test
    void leadingKeysOfAnyValueOrOnEverythingFail() {
        ObjectNode t = copy();
        ObjectNode sender = statementAllowing(t, "EmailSenderFunction", "dynamodb:PutItem");
        ObjectNode anyValue = sender.putObject("Condition").putObject("ForAnyValue:StringLike");
        anyValue.putArray("dynamodb:LeadingKeys").add("NOTIFY#*");
        statementAllowing(t, "OrdersApiFunction", "dynamodb:PutItem").putObject("Condition").putObject("ForAllValues:StringLike")
                .putArray("dynamodb:LeadingKeys").add("*");
        assertThat(rules(t).tableItemPermissionsCarryLeadingKeys()).hasSize(2)
                .anySatisfy(v -> assertThat(v).startsWith("EmailSenderFunction"))
                .anySatisfy(v -> assertThat(v).startsWith("OrdersApiFunction"));
    }

    @Test
    void aScanOnTheTableFailsEvenWithLeadingKeys() {
        ObjectNode t = copy();
        ((ArrayNode) statementAllowing(t, "ChangeDetectorFunction", "dynamodb:GetItem").path("Action")).add("dynamodb:Scan");
        assertThat(rules(t).tableItemPermissionsCarryLeadingKeys())
                .singleElement().asString().contains("ChangeDetectorFunction", "dynamodb:Scan");
    }

    @Test
    void indexQueriesNeedNoLeadingKeysButTheTableItselfOrEverythingDoes() {
        ObjectNode t = copy();
        ObjectNode indexQuery = statementAllowing(t, "PollPlannerFunction", "dynamodb:Query");
        assertThat(indexQuery.has("Condition")).as("the planner's index query carries no LeadingKeys").isFalse();
        assertThat(rules(t).tableItemPermissionsCarryLeadingKeys()).isEmpty();
        indexQuery.put("Resource", "*");
        assertThat(rules(t).tableItemPermissionsCarryLeadingKeys())
                .singleElement().asString().contains("PollPlannerFunction", "dynamodb:Query");
        indexQuery.putObject("Resource").put("Fn::Sub", "${TrackingTable.Arn}*");
        assertThat(rules(t).tableItemPermissionsCarryLeadingKeys()).hasSize(1);
    }

    @Test
    void aFunctionLogGroupWithoutRetentionOrWithoutAGroupFails() {
        ObjectNode t = copy();
        props(t, "StallDetectorLogGroup").remove("RetentionInDays");
        props(t, "SuppressionFunction").remove("LoggingConfig");
        assertThat(rules(t).everyFunctionLogGroupHasRetention()).containsExactlyInAnyOrder(
                "StallDetectorFunction's log group StallDetectorLogGroup has no RetentionInDays",
                "SuppressionFunction logs to a log group this template does not declare (kept forever)");
    }

    @Test
    void aTableWithoutTimeToLiveOnTheCodesExpiryAttributeFails() {
        ObjectNode t = copy();
        ((ObjectNode) props(t, "TrackingTable").path("TimeToLiveSpecification")).put("AttributeName", "ttl");
        assertThat(rules(t).tablesExpireItemsBy(EXPIRES_AT)).singleElement().asString().contains("TrackingTable", EXPIRES_AT);
    }

    @Test
    void theLocalRuntimesWebhookFlagSetAnywhereInTheTemplateFails() {
        String constant = ArchitectureTest.read(ArchitectureTest.FUNCTIONS
                .resolve("webhooks/src/main/java/io/ordertracker/webhooks/EndpointUrls.java"));
        Matcher m = Pattern.compile("LOCAL_FLAG\\s*=\\s*\"([^\"]+)\"").matcher(constant);
        assertThat(m.find()).as("EndpointUrls.LOCAL_FLAG in functions/webhooks").isTrue();
        assertThat(TemplateInvariants.LOCAL_ONLY_VARIABLES).contains(m.group(1));
        ObjectNode t = copy();
        ((ObjectNode) props(t, "WebhookSenderFunction").path("Environment").path("Variables"))
                .put(m.group(1), "true");
        assertThat(rules(t).localOnlyFlagsAreNeverSet()).singleElement().asString().contains(m.group(1));
        ObjectNode g = copy();
        ((ObjectNode) g.path("Globals").path("Function").path("Environment").path("Variables")).put(m.group(1), "false");
        assertThat(rules(g).localOnlyFlagsAreNeverSet()).hasSize(1);
    }

    static int indexOf(ArrayNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                return i;
            }
        }
        throw new AssertionError("not in the array");
    }
}
