package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.notify.DetectedMilestone;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.notify.NotificationSender.Outcome;
import io.ordertracker.notify.NotificationSender.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every branch of the batch processor, through its two ports: the job sender and the redelivery. */
class JobBatchProcessorTest {
    static final Instant NOW = Instant.parse("2026-11-16T22:00:00Z");

    final Tally tally = new Tally();
    final List<String> delayed = new ArrayList<>();
    final JobBatchProcessor.Redelivery redelivery = (handle, delay) -> delayed.add(handle + "=" + delay.getSeconds());

    JobBatchProcessor processor(Function<NotificationJob, Result> sender) {
        // the jitter pinned to the top of its range: each wait is its ceiling
        return new JobBatchProcessor(sender::apply, redelivery, Clock.fixed(NOW, ZoneOffset.UTC), tally,
                new ThrottleBackoff(() -> 1.0));
    }

    static NotificationJob job(String order, Channel channel) {
        return NotificationJob.of("m_1", order, "shp_1", new DetectedMilestone(Milestone.EXCEPTION, "HELD",
                ExceptionReason.HELD), channel, NOW);
    }

    static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setReceiptHandle("rh-" + id);
        m.setBody(body);
        return m;
    }

    static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent e = new SQSEvent();
        e.setRecords(List.of(messages));
        return e;
    }

    static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    static Map<String, String> dims(Channel channel) {
        return Map.of("Channel", channel.name(), "Milestone", "EXCEPTION");
    }

    @Test
    void aMalformedJobIsReportedFailedSoItEndsInTheDeadLetterQueue() {
        List<NotificationJob> sent = new ArrayList<>();
        SQSBatchResponse response = processor(j -> {
            sent.add(j);
            return Result.of(Outcome.SENT);
        }).process(event(message("m-1", "{\"jobId\":\"x\"}"), message("m-2", "<html>"),
                message("m-3", JobMessages.toJson(job("1", Channel.EMAIL)).replace("\"jobId\"", "\"jobIdent\""))));

        assertThat(failed(response)).containsExactly("m-1", "m-2", "m-3");
        assertThat(tally.count("NotificationsFailed", Map.of("Channel", "UNKNOWN", "Milestone", "UNKNOWN"))).isEqualTo(3);
        assertThat(sent).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "SENT,        NotificationsSent",
        "SUPPRESSED,  NotificationsSuppressed",
        "OPTED_OUT,   NotificationsSuppressed",
        "UNSUBSCRIBED, NotificationsUnsubscribed",
        "STALE,       NotificationsStale",
        "NO_CONTACT,  NotificationsNoContact",
        "DUPLICATE,   NotificationsDuplicate",
    })
    void finishedOutcomesAreDeletedAndCountedByChannelAndMilestone(Outcome outcome, String metric) {
        SQSBatchResponse response = processor(j -> Result.of(outcome))
                .process(event(message("m-1", JobMessages.toJson(job("1", Channel.SMS)))));

        assertThat(failed(response)).isEmpty();
        assertThat(tally.count(metric, dims(Channel.SMS))).isEqualTo(1);
        assertThat(tally.total("NotificationsFailed")).isZero();
        assertThat(delayed).isEmpty();
    }

    @Test
    void aJobAnotherCopyIsSendingIsRetriedWithoutBeingCountedAsAFailure() {
        SQSBatchResponse response = processor(j -> Result.of(Outcome.IN_FLIGHT))
                .process(event(message("m-1", JobMessages.toJson(job("1", Channel.EMAIL)))));

        assertThat(failed(response)).containsExactly("m-1");
        assertThat(tally.total("NotificationsFailed")).isZero();
        assertThat(delayed).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        // quiet hours end in 10 h: the message comes back then
        "PT10H, 36000",
        // SQS keeps a message invisible for at most 12 h from its first receipt: stay under it
        "PT20H, 43000",
        // already over (clock skew): come back at once, not with a negative timeout
        "-PT5M, 1",
    })
    void aDeferredJobIsHiddenUntilItsTimeAndReportedFailedSoSqsKeepsIt(Duration wait, long seconds) {
        SQSBatchResponse response = processor(j -> new Result(Outcome.DEFERRED, NOW.plus(wait), null))
                .process(event(message("m-1", JobMessages.toJson(job("1", Channel.SMS)))));

        assertThat(failed(response)).containsExactly("m-1");
        assertThat(delayed).containsExactly("rh-m-1=" + seconds);
        assertThat(tally.count("NotificationsDeferred", dims(Channel.SMS))).isEqualTo(1);
    }

    @Test
    void aSenderFailureFailsOnlyItsOwnMessageAndIsCounted() {
        Map<String, Result> byOrder = new HashMap<>(Map.of("1", Result.of(Outcome.SENT), "3", Result.of(Outcome.SENT)));
        SQSBatchResponse response = processor(j -> {
            if (j.orderNumber().equals("2")) {
                throw new IllegalStateException("SES throttled");
            }
            return byOrder.get(j.orderNumber());
        }).process(event(message("m-1", JobMessages.toJson(job("1", Channel.EMAIL))),
                message("m-2", JobMessages.toJson(job("2", Channel.EMAIL))),
                message("m-3", JobMessages.toJson(job("3", Channel.EMAIL)))));

        assertThat(failed(response)).containsExactly("m-2");
        assertThat(tally.count("NotificationsFailed", dims(Channel.EMAIL))).isEqualTo(1);
        assertThat(tally.count("NotificationsSent", dims(Channel.EMAIL))).isEqualTo(2);
    }

    static SQSEvent.SQSMessage received(String id, String body, int receiveCount) {
        SQSEvent.SQSMessage m = message(id, body);
        m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return m;
    }

    @Test
    void aThrottledJobWaitsLongerWithEachReceiveAndIsNeitherFailedNorSentNorAreTheJobsAfterIt() {
        List<String> tried = new ArrayList<>();
        SQSBatchResponse response = processor(j -> {
            tried.add(j.orderNumber());
            if (j.orderNumber().equals("2")) {
                throw new Gateways.Throttled("SES throttled us (Throttling)", null);
            }
            return Result.of(Outcome.SENT);
        }).process(event(received("m-1", JobMessages.toJson(job("1", Channel.EMAIL)), 1),
                received("m-2", JobMessages.toJson(job("2", Channel.EMAIL)), 1),
                received("m-3", JobMessages.toJson(job("3", Channel.EMAIL)), 3),
                received("m-4", JobMessages.toJson(job("4", Channel.EMAIL)), 12)));

        assertThat(tried).containsExactly("1", "2"); // the provider refuses the account: no point asking for 3 and 4
        assertThat(failed(response)).containsExactly("m-2", "m-3", "m-4");
        // 30 s on the first receive, doubling per receive, at most 15 minutes
        assertThat(delayed).containsExactly("rh-m-2=30", "rh-m-3=120", "rh-m-4=900");
        assertThat(tally.count("NotificationsThrottled", dims(Channel.EMAIL))).isEqualTo(3);
        assertThat(tally.count("NotificationsSent", dims(Channel.EMAIL))).isEqualTo(1);
        assertThat(tally.total("NotificationsFailed")).isZero();
    }

    @Test
    void aMessageWithoutAReceiveCountWaitsAsOnItsFirstReceive() {
        SQSBatchResponse response = processor(j -> {
            throw new Gateways.Throttled("SNS throttled us (Throttled)", null);
        }).process(event(message("m-1", JobMessages.toJson(job("1", Channel.SMS)))));

        assertThat(failed(response)).containsExactly("m-1");
        assertThat(delayed).containsExactly("rh-m-1=30");
        assertThat(tally.count("NotificationsThrottled", dims(Channel.SMS))).isEqualTo(1);
    }

    @Test
    void aNewBatchTriesTheProviderAgain() {
        JobBatchProcessor processor = processor(j -> {
            if (j.orderNumber().equals("1")) {
                throw new Gateways.Throttled("SES throttled us (Throttling)", null);
            }
            return Result.of(Outcome.SENT);
        });
        processor.process(event(message("m-1", JobMessages.toJson(job("1", Channel.EMAIL)))));
        SQSBatchResponse next = processor.process(event(message("m-2", JobMessages.toJson(job("2", Channel.EMAIL)))));

        assertThat(failed(next)).isEmpty();
        assertThat(tally.count("NotificationsSent", dims(Channel.EMAIL))).isEqualTo(1);
    }

    @Test
    void jobsRoundTripThroughJsonAndRejectUnknownFields() {
        String json = "{\"jobId\":\"m#1#ORDER#ORDER_CONFIRMED#EMAIL\",\"merchantId\":\"m\",\"orderNumber\":\"1\","
                + "\"milestone\":\"ORDER_CONFIRMED\",\"episode\":\"\",\"reason\":\"NONE\",\"channel\":\"EMAIL\","
                + "\"detectedAt\":\"2026-11-16T15:00:00Z\"}";
        NotificationJob job = JobMessages.parse(json);
        assertThat(JobMessages.parse(JobMessages.toJson(job))).isEqualTo(job);
        assertThatThrownBy(() -> JobMessages.parse(json.replace("\"episode\"", "\"surprise\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
