package io.ordertracker.functions.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.notify.SuppressionList;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.notify.Tally;
import io.ordertracker.storage.DynamoDbSuppressionList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample SES events (events/SuppressionFunction-*.json) through the function into the suppression list. */
class SuppressionFunctionIT {
    static DynamoDbLocal dynamoLocal;
    static SuppressionList list;

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        var dynamo = dynamoLocal.client();
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo);
        list = new DynamoDbSuppressionList(dynamo, "TrackingTable");
    }

    @AfterAll
    static void stop() {
        dynamoLocal.close();
    }

    static SNSEvent sample(String name) throws Exception {
        Path file = SamTemplate.locate().getParent().resolve("events").resolve(name);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        List<SNSEvent.SNSRecord> records = new ArrayList<>();
        for (JsonNode r : root.path("Records")) {
            JsonNode sns = r.path("Sns");
            records.add(new SNSEvent.SNSRecord().withEventSource(r.path("EventSource").asText())
                    .withSns(new SNSEvent.SNS().withMessage(sns.path("Message").asText())
                            .withTopicArn(sns.path("TopicArn").asText()).withType(sns.path("Type").asText())));
        }
        return new SNSEvent().withRecords(records);
    }

    @Test
    void hardBouncesAndComplaintsSuppressTransientBouncesOnlyCount() throws Exception {
        Tally tally = new Tally();
        SuppressionFunction function = new SuppressionFunction(list,
                Clock.fixed(Instant.parse("2026-11-19T18:05:00Z"), ZoneOffset.UTC), tally);

        assertThat(function.handleRequest(sample("SuppressionFunction-bounce.json"), null)).containsEntry("suppressed", 1);
        assertThat(function.handleRequest(sample("SuppressionFunction-complaint.json"), null)).containsEntry("suppressed", 1);
        assertThat(function.handleRequest(sample("SuppressionFunction-transient-bounce.json"), null)).containsEntry("suppressed", 0);
        assertThat(function.handleRequest(sample("SuppressionFunction-bounce.json"), null)).containsEntry("suppressed", 0);

        SNSEvent junk = new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord()
                .withSns(new SNSEvent.SNS().withMessage("this is not JSON")),
                new SNSEvent.SNSRecord().withSns(new SNSEvent.SNS().withMessage(
                        "{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":"
                                + "[{\"emailAddress\":\"\\\"Bob\\\" <bob@example.com>\"}]}}"))));
        assertThat(function.handleRequest(junk, null)).containsEntry("suppressed", 1);
        assertThat(list.isSuppressed(Channel.EMAIL, "bob@example.com")).isTrue();
        assertThat(tally.count("EmailFeedback", Map.of("Type", "Malformed"))).isEqualTo(1);

        assertThat(list.isSuppressed(Channel.EMAIL, "bounce@simulator.amazonses.com")).isTrue();
        assertThat(list.isSuppressed(Channel.EMAIL, "Complaint@Simulator.AmazonSES.com")).isTrue();
        assertThat(list.isSuppressed(Channel.EMAIL, "full@example.com")).isFalse();
        assertThat(tally.count("EmailFeedback", Map.of("Type", "Bounce"))).isEqualTo(3);
        assertThat(tally.count("AddressesSuppressed", Map.of("Type", "Complaint"))).isEqualTo(2);
    }
}
