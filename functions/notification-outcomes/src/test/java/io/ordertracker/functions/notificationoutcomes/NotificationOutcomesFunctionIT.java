package io.ordertracker.functions.notificationoutcomes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.analytics.FactRules;
import io.ordertracker.domain.analytics.MessageSent;
import io.ordertracker.domain.analytics.NotificationFigures;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.domain.notify.NotificationLedger;
import io.ordertracker.json.Json;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantFacts;
import io.ordertracker.storage.DynamoDbNotificationLedger;
import io.ordertracker.storage.TrackingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The function on DynamoDB Local with the sample events of events/ (SES event publishing through SNS; SNS SMS
 * delivery-status logs through a CloudWatch Logs subscription): each outcome counted once for the merchant and
 * milestone the email's tags or the SMS sender's record of the message id name, and the same events delivered again
 * (or a second open) change nothing.
 */
class NotificationOutcomesFunctionIT {
    static DynamoDbLocal dynamoLocal;
    static TrackingTable table;
    static DynamoDbMerchantFacts facts;
    static DynamoDbNotificationLedger ledger;
    static NotificationOutcomesFunction function;
    static final LocalDate DAY = LocalDate.parse("2026-11-19");

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamoLocal.client());
        table = new TrackingTable(dynamoLocal.client(), "TrackingTable");
        facts = table.merchantFacts(Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC));
        ledger = table.ledger(Duration.ofMinutes(2));
        function = new NotificationOutcomesFunction(new FactRules((m, o) -> Optional.empty()), facts,
                ledger::smsMessage);
    }

    @AfterAll
    static void stop() {
        dynamoLocal.close();
    }

    static Map<String, Object> sample(String name) throws Exception {
        Path file = SamTemplate.locate().getParent().resolve("events/NotificationOutcomesFunction-" + name + ".json");
        return Json.MAPPER.readValue(Files.readString(file), new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void sesEventsCountOncePerMessageAndKindForTheTaggedMerchantAndMilestone() throws Exception {
        List<String> samples = List.of("ses-delivery", "ses-bounce", "ses-complaint", "ses-open", "ses-click");
        for (String s : samples) {
            assertThat(function.handleRequest(sample(s), null)).containsEntry("counted", 1);
        }
        for (String s : samples) { // SNS redelivers; the shopper opens and clicks again
            assertThat(function.handleRequest(sample(s), null)).containsEntry("counted", 0)
                    .containsEntry("alreadyCounted", 1);
        }

        NotificationFigures email = AnalyticsReport.of(facts, "m_acme", DAY, DAY, AnalyticsReport.GroupBy.DAY)
                .totals().notifications().get("EMAIL");
        assertThat(email).isEqualTo(new NotificationFigures(0, 1, 1, 1, 0, 1, 0, 1, 1, null, null, null, 1.0, 1.0));
        assertThat(AnalyticsReport.of(facts, "m_acme", DAY, DAY, AnalyticsReport.GroupBy.MILESTONE).rows())
                .singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("SHIPPED"); // per milestone: the same figures, all SHIPPED
                    assertThat(r.figures().notifications().get("EMAIL").delivered()).isEqualTo(1);
                });
    }

    @Test
    void smsStatusesCountForTheMessageTheSmsSenderRecordedAndUnknownIdsAreIgnored() throws Exception {
        Instant sentAt = Instant.parse("2026-11-19T18:09:00Z");
        for (String[] sent : new String[][] {{"1f4e7c2a-6b8d-5e3f-9a1c-0d2b4f6a8c00", "OUT_FOR_DELIVERY"},
            {"1f4e7c2a-6b8d-5e3f-9a1c-0d2b4f6a8c01", "DELIVERED"}}) {
            NotificationJob job = new NotificationJob("m_sms#B-" + sent[1] + "#s1#" + sent[1] + "#SMS", "m_sms",
                    "B-" + sent[1], "s1", Milestone.valueOf(sent[1]), null, null, Channel.SMS, sentAt);
            NotificationLedger.ClaimResult claim = ledger.claim(job, sentAt);
            ledger.markSent(job, claim.token(), sent[0], sentAt);
        }
        assertThat(ledger.smsMessage("1f4e7c2a-6b8d-5e3f-9a1c-0d2b4f6a8c00")).map(MessageSent::merchantId)
                .contains("m_sms");

        assertThat(function.handleRequest(sample("sms-success"), null)).containsEntry("counted", 1);
        assertThat(function.handleRequest(sample("sms-failure"), null)).containsEntry("counted", 1);
        assertThat(function.handleRequest(sample("sms-success"), null)).containsEntry("alreadyCounted", 1);

        NotificationFigures sms = AnalyticsReport.of(facts, "m_sms", DAY, DAY, AnalyticsReport.GroupBy.DAY)
                .totals().notifications().get("SMS");
        assertThat(sms).isEqualTo(new NotificationFigures(0, 1, 0, 0, 0, 0, 1, 0, 0, null, null, null, 0.0, 0.0));

        // a text this stack did not send (or whose record expired) counts for no one
        Map<String, Object> event = Map.of("awslogs", Map.of("data", io.ordertracker.notify.OutcomeEvents.awslogsData(
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":1795457342000,"
                        + "\"message\":\"{\\\"notification\\\":{\\\"messageId\\\":\\\"not-ours\\\"},"
                        + "\\\"status\\\":\\\"SUCCESS\\\"}\"}]}")));
        assertThat(function.handleRequest(event, null)).containsEntry("ignored", 1).containsEntry("counted", 0);
    }
}
