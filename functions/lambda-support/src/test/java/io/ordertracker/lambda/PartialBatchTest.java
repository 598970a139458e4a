package io.ordertracker.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.ordertracker.lambda.SqsBatch.Disposition;
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
    void aStreamThatSucceedsReportsNothing() {
        List<String> handled = new ArrayList<>();
        StreamsEventResponse response = StreamBatch.process(stream("1", "2"),
                r -> handled.add(r.getDynamodb().getSequenceNumber()), r -> { });

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handled).containsExactly("1", "2");
    }
}
