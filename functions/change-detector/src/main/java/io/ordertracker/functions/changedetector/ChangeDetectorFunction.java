package io.ordertracker.functions.changedetector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.notify.ChangeDetector;
import io.ordertracker.notify.SnsOpsAlerts;
import io.ordertracker.notify.SqsJobQueues;
import io.ordertracker.notify.StreamImages;
import io.ordertracker.notify.Tally;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The table's stream (filtered to ORDER and SHIPMENT items by the event source mapping) to notification jobs.
 * Records are processed in order; the first failure stops the batch and is reported, so Lambda retries from
 * that record on (bisecting, bounded, then the on-failure destination). Records before it are not redone.
 */
public class ChangeDetectorFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeDetectorFunction.class);

    private final ChangeDetector detector;
    private final Tally tally;
    @SuppressWarnings("unused")
    private final Priming priming;

    public ChangeDetectorFunction() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB");
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        SnsClient sns = AwsClients.build(SnsClient.builder(), "SNS");
        String table = Env.require("TABLE_NAME");
        this.tally = new Tally();
        this.detector = new ChangeDetector(new DynamoDbMerchantStore(dynamo, table), new DynamoDbOrderStore(dynamo, table),
                new SqsJobQueues(sqs, Env.require("EMAIL_QUEUE_URL"), Env.require("SMS_QUEUE_URL")),
                new SnsOpsAlerts(sns, Env.require("EXCEPTIONS_TOPIC_ARN")), Clocks.fromEnvironment(), tally);
        this.priming = Priming.register(() -> dynamo.describeTable(b -> b.tableName(table)));
    }

    public ChangeDetectorFunction(ChangeDetector detector, Tally tally) {
        this.detector = detector;
        this.tally = tally;
        this.priming = null;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Telemetry.around(context, () -> {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            try {
                for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                    var change = record.getDynamodb();
                    try {
                        detector.onChange(StreamImages.toSdk(change.getOldImage()), StreamImages.toSdk(change.getNewImage()));
                    } catch (RuntimeException e) {
                        LOG.error("stream record {} failed", change.getSequenceNumber(), e);
                        tally.add("ChangeDetectionFailed", java.util.Map.of());
                        failures.add(new StreamsEventResponse.BatchItemFailure(change.getSequenceNumber()));
                        break;
                    }
                }
            } finally {
                tally.publish();
            }
            return new StreamsEventResponse(failures);
        });
    }
}
