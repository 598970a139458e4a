package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobBatchProcessorTest {

    @Test
    void aMalformedJobIsReportedFailedSoItEndsInTheDeadLetterQueue() {
        Tally tally = new Tally();
        JobBatchProcessor processor = new JobBatchProcessor(null, null, "unused", Clock.systemUTC(), tally);
        SQSEvent.SQSMessage junk = new SQSEvent.SQSMessage();
        junk.setMessageId("m-1");
        junk.setBody("{\"jobId\":\"x\"}");
        SQSEvent.SQSMessage notJson = new SQSEvent.SQSMessage();
        notJson.setMessageId("m-2");
        notJson.setBody("<html>");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(junk, notJson));
        SQSBatchResponse response = processor.process(event);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-1", "m-2");
        assertThat(tally.count("NotificationsFailed", Map.of("Channel", "UNKNOWN", "Milestone", "UNKNOWN"))).isEqualTo(2);
    }

    @Test
    void jobsRoundTripThroughJsonAndRejectUnknownFields() {
        String json = "{\"jobId\":\"m#1#ORDER#ORDER_CONFIRMED#EMAIL\",\"merchantId\":\"m\",\"orderNumber\":\"1\","
                + "\"milestone\":\"ORDER_CONFIRMED\",\"episode\":\"\",\"reason\":\"NONE\",\"channel\":\"EMAIL\","
                + "\"detectedAt\":\"2026-11-16T15:00:00Z\"}";
        NotificationJob job = NotificationJob.fromJson(json);
        assertThat(NotificationJob.fromJson(job.toJson())).isEqualTo(job);
        assertThatThrownBy(() -> NotificationJob.fromJson(json.replace("\"episode\"", "\"surprise\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
