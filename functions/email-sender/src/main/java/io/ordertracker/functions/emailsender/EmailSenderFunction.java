package io.ordertracker.functions.emailsender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.PrimingEvents;
import io.ordertracker.notify.EmailDelivery;
import io.ordertracker.notify.JobBatchProcessor;
import io.ordertracker.notify.MessageComposer;
import io.ordertracker.notify.NotificationSender;
import io.ordertracker.notify.SendRateLimiter;
import io.ordertracker.notify.SenderConfig;
import io.ordertracker.notify.SesEmailGateway;
import io.ordertracker.notify.SqsRedelivery;
import io.ordertracker.notify.Tally;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The email queue to SES: one message per (shipment, milestone, channel) ever, branded, HTML and text, with the
 * shopper's unsubscribe link; not sent to shoppers who unsubscribed from the merchant or muted the milestone.
 */
public class EmailSenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final JobBatchProcessor processor;
    @SuppressWarnings("unused")
    private final Priming priming;

    public EmailSenderFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        SesClient ses = AwsClients.build(SesClient.builder(), "SES");
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        Clock clock = Clocks.fromEnvironment();
        // an email sender without a default From address is a deployment mistake: Env.require fails the init
        EmailDelivery email = new EmailDelivery(new SesEmailGateway(ses, Env.get("CONFIGURATION_SET").orElse(null),
                SendRateLimiter.fromEnvironment()), new MessageComposer(), Env.require("SENDER_EMAIL"));
        NotificationSender sender = new NotificationSender(table.orders(), table.merchants(),
                table.ledger(SenderConfig.claimLease()), table.suppressions(), table.preferences(), email,
                SenderConfig.settings(), clock);
        this.processor = new JobBatchProcessor(sender, new SqsRedelivery(sqs, Env.require("EMAIL_QUEUE_URL")), clock,
                new Tally());
        // the job's own reads (an order that cannot exist) and the queue it consumes (GetQueueAttributes: the SQS
        // event source's role allows it); composing is warmed by MessageComposer's constructor (templates, texts)
        this.priming = Priming.register(Priming.step("dynamodb", table::prime),
                Priming.step("order", () -> table.orders().findOrder(PrimingEvents.MERCHANT, "priming")),
                Priming.step("sqs", () -> sqs.getQueueAttributes(b -> b.queueUrl(Env.require("EMAIL_QUEUE_URL")).attributeNamesWithStrings("QueueArn"))));
    }

    public EmailSenderFunction(JobBatchProcessor processor) {
        this.processor = processor;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return processor.handleInvocation(event, context);
    }
}
