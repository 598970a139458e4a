package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.analytics.NotificationOutcome;
import io.ordertracker.domain.analytics.NotificationOutcome.Kind;
import io.ordertracker.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SES event and SNS SMS status samples in events/ (the providers' documented formats) read as outcomes. */
class OutcomeEventsTest {

    static JsonNode event(String file) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return Json.MAPPER.readTree(Files.readString(dir.resolve("events").resolve(file)));
    }

    static JsonNode sample(String name) throws Exception {
        return event("NotificationOutcomesFunction-" + name + ".json");
    }

    static String sesMessage(String name) throws Exception {
        return sample("ses-" + name).path("Records").get(0).path("Sns").path("Message").asText();
    }

    @ParameterizedTest
    @CsvSource({
        "delivery,  DELIVERED,         010001234567890a-sample-shipped-0, 2026-11-19T18:03:01Z",
        "bounce,    BOUNCED_PERMANENT, 010001234567890a-sample-shipped-1, 2026-11-19T18:03:00Z",
        "complaint, COMPLAINED,        010001234567890a-sample-shipped-2, 2026-11-19T18:05:00Z",
        "open,      OPENED,            010001234567890a-sample-shipped-0, 2026-11-19T19:10:00Z",
        "click,     CLICKED,           010001234567890a-sample-shipped-0, 2026-11-19T19:11:00Z",
    })
    void sesEventsOfTaggedEmailsAreOutcomesAtTheEventsOwnTime(String sample, Kind kind, String messageId, String at)
            throws Exception {
        assertThat(OutcomeEvents.ses(sesMessage(sample))).contains(new NotificationOutcome("m_acme", Channel.EMAIL,
                Milestone.SHIPPED, messageId, kind, Instant.parse(at)));
    }

    @Test
    void transientAndUndeterminedBouncesAreTransient() throws Exception {
        String bounce = sesMessage("bounce");
        assertThat(OutcomeEvents.ses(bounce.replace("\"Permanent\"", "\"Transient\""))).map(NotificationOutcome::kind)
                .contains(Kind.BOUNCED_TRANSIENT);
        assertThat(OutcomeEvents.ses(bounce.replace("\"Permanent\"", "\"Undetermined\""))).map(NotificationOutcome::kind)
                .contains(Kind.BOUNCED_TRANSIENT);
    }

    @Test
    void eventsWithoutOurTagsOrOfOtherTypesAreNoOutcome() throws Exception {
        // the suppression function's sample: an SES event of an email sent before the tags
        JsonNode untagged = event("SuppressionFunction-bounce.json");
        assertThat(OutcomeEvents.ses(untagged.path("Records").get(0).path("Sns").path("Message").asText())).isEmpty();
        assertThat(OutcomeEvents.ses(sesMessage("delivery").replace("\"Delivery\"", "\"Send\""))).isEmpty();
        assertThat(OutcomeEvents.ses(sesMessage("delivery").replace("\"SHIPPED\"", "\"NOT_A_MILESTONE\""))).isEmpty();
        assertThat(OutcomeEvents.ses("{\"notificationType\":\"Bounce\",\"mail\":{\"messageId\":\"x\"}}")).isEmpty();
        assertThatThrownBy(() -> OutcomeEvents.ses("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smsDeliveryStatusLogsAreReadFromTheGzippedSubscriptionPayload() throws Exception {
        assertThat(OutcomeEvents.smsStatuses(sample("sms-success").path("awslogs").path("data").asText()))
                .containsExactly(new OutcomeEvents.SmsStatus("1f4e7c2a-6b8d-5e3f-9a1c-0d2b4f6a8c00", true,
                        Instant.parse("2026-11-19T18:09:02.558Z")));
        List<OutcomeEvents.SmsStatus> failed = OutcomeEvents.smsStatuses(
                sample("sms-failure").path("awslogs").path("data").asText());
        assertThat(failed).extracting(OutcomeEvents.SmsStatus::delivered).containsExactly(false);
        assertThat(OutcomeEvents.outcome(failed.get(0), "m_acme", Milestone.DELIVERED))
                .isEqualTo(new NotificationOutcome("m_acme", Channel.SMS, Milestone.DELIVERED,
                        "1f4e7c2a-6b8d-5e3f-9a1c-0d2b4f6a8c01", Kind.FAILED, Instant.parse("2026-11-19T18:09:02.558Z")));
    }

    @Test
    void controlMessagesAndLinesThatAreNoStatusRecordsAreSkipped() {
        assertThat(OutcomeEvents.smsStatuses(OutcomeEvents.awslogsData(
                "{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":0,"
                        + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination\"}]}"))).isEmpty();
        assertThat(OutcomeEvents.smsStatuses(OutcomeEvents.awslogsData(
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":0,\"message\":\"hello\"},"
                        + "{\"id\":\"2\",\"timestamp\":1795457342000,\"message\":"
                        + "\"{\\\"notification\\\":{\\\"messageId\\\":\\\"abc\\\"},\\\"status\\\":\\\"SUCCESS\\\"}\"}]}")))
                .containsExactly(new OutcomeEvents.SmsStatus("abc", true, Instant.ofEpochMilli(1795457342000L)));
        assertThatThrownBy(() -> OutcomeEvents.smsStatuses("not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagsNameTheMerchantMilestoneAndAHashOfTheLedgerKeyInSesCharacters() {
        var job = new io.ordertracker.domain.notify.NotificationJob("m_acme#A 1#s1#SHIPPED#EMAIL", "m_acme", "A 1",
                "s1", Milestone.SHIPPED, null, null, Channel.EMAIL, Instant.parse("2026-11-19T18:00:00Z"));
        var tags = MessageTags.of(job);
        assertThat(tags).containsEntry(MessageTags.MERCHANT, "m_acme").containsEntry(MessageTags.CHANNEL, "EMAIL")
                .containsEntry(MessageTags.MILESTONE, "SHIPPED");
        assertThat(tags.values()).allMatch(MessageTags::valid);
        assertThat(tags.get(MessageTags.LEDGER)).hasSize(64).doesNotContain("A 1");
        assertThat(MessageTags.of(new io.ordertracker.domain.notify.NotificationJob("j", "merchant with spaces",
                "A 1", "s1", Milestone.SHIPPED, null, null, Channel.EMAIL, Instant.EPOCH))).isEmpty();
    }
}
