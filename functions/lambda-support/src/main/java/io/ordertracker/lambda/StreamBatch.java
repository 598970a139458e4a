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
 *
 * <p>The one exception is a batch whose very first record fails: there is nothing before it to checkpoint, so a
 * partial-batch answer would have Lambda retry the same batch until its retries are spent and then hand every record
 * of it, the good ones too, to the on-failure destination. Throwing {@link FirstRecordFailed} instead is a function
 * error, on which Lambda bisects the batch whatever ReportBatchItemFailures says (BisectBatchOnFunctionError on every
 * stream mapping of the template), so the bad record ends up alone and only it is given up on.
 */
public final class StreamBatch {
    private static final Logger LOG = LoggerFactory.getLogger(StreamBatch.class);

    private StreamBatch() {
    }

    /** @param onFailure told of the failing record (metrics) after it is logged */
    public static StreamsEventResponse process(DynamodbEvent event, Consumer<DynamodbEvent.DynamodbStreamRecord> handler,
                                               Consumer<DynamodbEvent.DynamodbStreamRecord> onFailure) {
        boolean first = true;
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            boolean failureWouldBlockTheBatch = first && event.getRecords().size() > 1;
            first = false;
            String sequenceNumber = record.getDynamodb().getSequenceNumber();
            Map<String, String> context = MDC.getCopyOfContextMap();
            MDC.put("sequenceNumber", sequenceNumber);
            try {
                handler.accept(record);
            } catch (RuntimeException e) {
                LOG.error("stream record {} failed; the batch is retried from it: {}", sequenceNumber, SafeErrors.describe(e),
                        SafeErrors.redacted(e));
                onFailure.accept(record);
                if (failureWouldBlockTheBatch) {
                    throw new FirstRecordFailed(sequenceNumber, event.getRecords().size(), e);
                }
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
            } finally {
                SqsBatch.restore(context);
            }
        }
        return new StreamsEventResponse(List.of());
    }

    /** The first record of a batch of several failed: a function error, so that Lambda bisects the batch. */
    public static final class FirstRecordFailed extends RuntimeException {
        FirstRecordFailed(String sequenceNumber, int batchSize, RuntimeException cause) {
            super("stream record " + sequenceNumber + ", the first of a batch of " + batchSize
                    + ", failed; the batch is to be bisected", cause);
        }
    }
}
