package io.ordertracker.functions.smssender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.PrimingEvents;
import io.ordertracker.notify.JobBatchProcessor;
import io.ordertracker.notify.MessageComposer;
import io.ordertracker.notify.NotificationSender;
import io.ordertracker.notify.SenderConfig;
import io.ordertracker.notify.SmsDelivery;
import io.ordertracker.notify.SnsSmsGateway;
import io.ordertracker.notify.SqsRedelivery;
import io.ordertracker.notify.Tally;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SMS queue to SNS: short texts, opt-out checked first, held through quiet hours in the shopper's zone
 * (the message's visibility is pushed to the morning), dropped when a later milestone made it stale.
 */
public class SmsSenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final JobBatchProcessor processor;
    @SuppressWarnings("unused")
    private final Priming priming;

    public SmsSenderFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        SnsClient sns = AwsClients.build(SnsClient.builder(), "SNS");
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        Clock clock = Clocks.fromEnvironment();
        SmsDelivery sms = new SmsDelivery(new SnsSmsGateway(sns), new MessageComposer(), SenderConfig.quietHours());
        NotificationSender sender = new NotificationSender(table.orders(), table.merchants(),
                table.ledger(SenderConfig.claimLease()), table.suppressions(), sms, SenderConfig.settings(), clock);
        this.processor = new JobBatchProcessor(sender, new SqsRedelivery(sqs, Env.require("SMS_QUEUE_URL")), clock,
                new Tally());
        // the job's own reads (an order that cannot exist) and the queue it consumes (GetQueueAttributes: the SQS
        // event source's role allows it); composing is warmed by MessageComposer's constructor (templates, texts)
        this.priming = Priming.register(Priming.step("dynamodb", table::prime),
                Priming.step("order", () -> table.orders().findOrder(PrimingEvents.MERCHANT, "priming")),
                Priming.step("sqs", () -> sqs.getQueueAttributes(b -> b.queueUrl(Env.require("SMS_QUEUE_URL")).attributeNamesWithStrings("QueueArn"))));
    }

    public SmsSenderFunction(JobBatchProcessor processor) {
        this.processor = processor;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return processor.handleInvocation(event, context);
    }
}
