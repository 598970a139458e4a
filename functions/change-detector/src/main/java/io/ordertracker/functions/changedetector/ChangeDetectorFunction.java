package io.ordertracker.functions.changedetector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.PrimingEvents;
import io.ordertracker.lambda.StreamBatch;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.notify.ChangeDetector;
import io.ordertracker.notify.SnsOpsAlerts;
import io.ordertracker.notify.SqsJobQueues;
import io.ordertracker.notify.Tally;
import io.ordertracker.storage.TableChanges;
import io.ordertracker.storage.TrackingTable;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The table's stream (filtered to ORDER and SHIPMENT items by the event source mapping) to notification jobs, in
 * record order; a failing record stops the batch and is reported ({@link StreamBatch}).
 */
public class ChangeDetectorFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ChangeDetector detector;
    private final Tally tally;
    @SuppressWarnings("unused")
    private final Priming priming;

    public ChangeDetectorFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        SnsClient sns = AwsClients.build(SnsClient.builder(), "SNS");
        this.tally = new Tally();
        this.detector = new ChangeDetector(table.merchants(), table.orders(),
                new SqsJobQueues(sqs, Env.require("EMAIL_QUEUE_URL"), Env.require("SMS_QUEUE_URL")),
                new SnsOpsAlerts(sns, Env.require("EXCEPTIONS_TOPIC_ARN")), Clocks.fromEnvironment(), tally);
        this.priming = Priming.register(Priming.step("dynamodb", table::prime),
                Priming.step("order", () -> table.orders().findOrder(PrimingEvents.MERCHANT, "priming")));
    }

    public ChangeDetectorFunction(ChangeDetector detector, Tally tally) {
        this.detector = detector;
        this.tally = tally;
        this.priming = null;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Telemetry.around(context, () -> {
            try {
                return StreamBatch.process(event, record -> detector.onChange(TableChanges.of(record)),
                        record -> tally.add("ChangeDetectionFailed", Map.of()));
            } finally {
                tally.publish();
            }
        });
    }
}
