package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A DynamoDB stream batch with partial batch failures. Records are handled in order; the first that throws stops the
 * batch and is reported by its sequence number, so Lambda retries from that record on (bisecting, bounded, then the
 * on-failure destination) and never redoes the records before it. Order matters on a stream: a later record of
 * the same item must not be handled before an earlier one that failed.
 */
public final class StreamBatch {
    private static final Logger LOG = LoggerFactory.getLogger(StreamBatch.class);

    private StreamBatch() {
    }

    /** @param onFailure told of the failing record (metrics) after it is logged */
    public static StreamsEventResponse process(DynamodbEvent event, Consumer<DynamodbEvent.DynamodbStreamRecord> handler,
                                               Consumer<DynamodbEvent.DynamodbStreamRecord> onFailure) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String sequenceNumber = record.getDynamodb().getSequenceNumber();
            Map<String, String> context = MDC.getCopyOfContextMap();
            MDC.put("sequenceNumber", sequenceNumber);
            try {
                handler.accept(record);
            } catch (RuntimeException e) {
                LOG.error("stream record {} failed; the batch is retried from it: {}", sequenceNumber, SafeErrors.describe(e),
                        SafeErrors.redacted(e));
                onFailure.accept(record);
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
            } finally {
                SqsBatch.restore(context);
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
