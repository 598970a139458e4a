package io.ordertracker.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.ordertracker.lambda.SqsBatch.Disposition;
import io.ordertracker.lambda.SqsBatch.TimeBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class PartialBatchTest {

    static SQSEvent sqs(String... ids) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (String id : ids) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(id);
            m.setBody(id);
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    static DynamodbEvent stream(String... sequenceNumbers) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (String n : sequenceNumbers) {
            DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
            StreamRecord sr = new StreamRecord();
            sr.setSequenceNumber(n);
            r.setDynamodb(sr);
            records.add(r);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    @Test
    void sqsReportsExactlyTheMessagesThatAskedForRetryOrThrewAndHandlesTheRest() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = SqsBatch.process(sqs("a", "b", "c", "d"), m -> {
            handled.add(m.getBody() + ":" + MDC.get("messageId"));
            return switch (m.getBody()) {
                case "b" -> Disposition.RETRY;
                case "c" -> throw new IllegalStateException("boom");
                default -> Disposition.DONE;
            };
        });

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("b", "c");
        assertThat(handled).containsExactly("a:a", "b:b", "c:c", "d:d");
    }

    @Test
    void sqsRestoresTheLoggingContextItFound() {
        MDC.put("function", "worker");
        try {
            SqsBatch.process(sqs("a"), m -> {
                MDC.put("planId", "p1");
                return Disposition.DONE;
            });
            assertThat(MDC.get("function")).isEqualTo("worker");
            assertThat(MDC.get("planId")).isNull();
            assertThat(MDC.get("messageId")).isNull();
        } finally {
            MDC.clear();
        }
    }

    @Test
    void anEmptySqsBatchReportsNothing() {
        assertThat(SqsBatch.process(sqs(), m -> Disposition.RETRY).getBatchItemFailures()).isEmpty();
    }

    /** Lambda's context as far as the batch uses it: the time left, which the test spends by hand. */
    static final class DrainingContext implements Context {
        int remainingMillis;

        DrainingContext(int remainingMillis) {
            this.remainingMillis = remainingMillis;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return remainingMillis;
        }

        @Override
        public String getAwsRequestId() {
            return "req-1";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/test";
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return "test";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:test";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }

    @Test
    void noMessageIsStartedWithLessTimeLeftThanTheReserveAndTheUnstartedOnesAreReportedFailed() {
        DrainingContext context = new DrainingContext(90_000);
        List<String> handled = new ArrayList<>();
        // each message takes 30 s; one may need 40 s: after two (30 s left) the rest must wait for another invocation
        SQSBatchResponse response = SqsBatch.process(sqs("a", "b", "c", "d"),
                TimeBudget.of(context, Duration.ofSeconds(40)), m -> {
                    handled.add(m.getBody());
                    context.remainingMillis -= 30_000;
                    return m.getBody().equals("a") ? Disposition.RETRY : Disposition.DONE;
                });

        assertThat(handled).containsExactly("a", "b");
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("a", "c", "d");
        assertThat(MDC.get("messageId")).isNull();
    }

    @Test
    void theFirstMessageIsAlwaysStartedSoAReserveLongerThanTheTimeoutCannotStallTheQueue() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = SqsBatch.process(sqs("a", "b"),
                TimeBudget.of(new DrainingContext(30_000), Duration.ofSeconds(60)), m -> {
                    handled.add(m.getBody());
                    return Disposition.DONE;
                });

        assertThat(handled).containsExactly("a");
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("b");
    }

    @Test
    void withoutAContextThereIsNoDeadline() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = SqsBatch.process(sqs("a", "b", "c"),
                TimeBudget.of(null, Duration.ofDays(1)), m -> {
                    handled.add(m.getBody());
                    return Disposition.DONE;
                });

        assertThat(handled).containsExactly("a", "b", "c");
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void theReserveComesFromTheEnvironmentWhenItIsSet() {
        DrainingContext context = new DrainingContext(20_000);
        TimeBudget configured = Env.withOverlay(java.util.Map.of(TimeBudget.RESERVE_ENV, "25"),
                () -> TimeBudget.fromEnvironment(context, Duration.ofSeconds(5)));
        TimeBudget fallback = Env.withOverlay(java.util.Map.of(),
                () -> TimeBudget.fromEnvironment(context, Duration.ofSeconds(5)));

        assertThat(configured.reserve()).isEqualTo(Duration.ofSeconds(25));
        assertThat(fallback.reserve()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aStreamStopsAtTheFirstFailureAndReportsOnlyIt() {
        List<String> handled = new ArrayList<>();
        List<String> failedSeen = new ArrayList<>();
        StreamsEventResponse response = StreamBatch.process(stream("1", "2", "3"), r -> {
            String n = r.getDynamodb().getSequenceNumber();
            handled.add(n);
            if (n.equals("2")) {
                throw new IllegalStateException("boom");
            }
        }, r -> failedSeen.add(r.getDynamodb().getSequenceNumber()));

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2");
        assertThat(handled).containsExactly("1", "2"); // record 3 waits for 2: order matters on a stream
        assertThat(failedSeen).containsExactly("2");
    }

    @Test
    void aStreamWhoseFirstRecordFailsIsAFunctionErrorSoLambdaBisectsIt() {
        List<String> handled = new ArrayList<>();
        assertThatThrownBy(() -> StreamBatch.process(stream("1", "2", "3"), r -> {
            handled.add(r.getDynamodb().getSequenceNumber());
            throw new IllegalStateException("unreadable");
        }, r -> { })).isInstanceOf(StreamBatch.FirstRecordFailed.class).hasMessageContaining("stream record 1,");
        assertThat(handled).containsExactly("1");
    }

    @Test
    void aLoneRecordThatFailsIsReportedLikeAnyOther() {
        StreamsEventResponse response = StreamBatch.process(stream("7"), r -> {
            throw new IllegalStateException("unreadable");
        }, r -> { });
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("7");
    }

    @Test
    void aStreamThatSucceedsReportsNothing() {
        List<String> handled = new ArrayList<>();
        StreamsEventResponse response = StreamBatch.process(stream("1", "2"),
                r -> handled.add(r.getDynamodb().getSequenceNumber()), r -> { });

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handled).containsExactly("1", "2");
    }
}
