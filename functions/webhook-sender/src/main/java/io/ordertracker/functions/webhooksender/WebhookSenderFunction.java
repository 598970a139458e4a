package io.ordertracker.functions.webhooksender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.SqsBatch.TimeBudget;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import io.ordertracker.webhooks.EndpointUrls;
import io.ordertracker.webhooks.PinnedHttpPost;
import io.ordertracker.webhooks.RetryPolicy;
import io.ordertracker.webhooks.SesEndpointNotices;
import io.ordertracker.webhooks.SqsDeliveryQueue;
import io.ordertracker.webhooks.WebhookBatch;
import io.ordertracker.webhooks.WebhookSender;
import java.time.Duration;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** The FIFO webhook queue to signed POSTs: one attempt per message, order kept per endpoint and shipment. */
public class WebhookSenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** No delivery is started with less time left: one POST at its deadline, DNS and two table writes. */
    static final Duration MESSAGE_RESERVE = Duration.ofSeconds(10);

    private final WebhookBatch batch;
    @SuppressWarnings("unused")
    private final Priming priming;

    public WebhookSenderFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        SesClient ses = AwsClients.build(SesClient.builder(), "SES");
        PinnedHttpPost http = PinnedHttpPost.standard();
        WebhookSender sender = new WebhookSender(table.webhookEndpoints(), table.webhookDeliveries(),
                EndpointUrls.fromEnvironment(), http::post,
                new SqsDeliveryQueue(sqs, Env.require("WEBHOOK_QUEUE_URL"), Env.require("WEBHOOK_DLQ_URL")),
                new SesEndpointNotices(ses, table.merchants(), Env.require("SENDER_EMAIL")), RetryPolicy.withJitter(),
                Clocks.fromEnvironment());
        this.batch = new WebhookBatch(sender, (metric, dims) -> Telemetry.metrics().addMetric(metric, 1, MetricUnit.COUNT));
        this.priming = Priming.register(Priming.step("dynamodb", table::prime), Priming.step("sqs", () ->
                sqs.getQueueAttributes(b -> b.queueUrl(Env.require("WEBHOOK_QUEUE_URL")).attributeNamesWithStrings("QueueArn"))));
    }

    public WebhookSenderFunction(WebhookBatch batch) {
        this.batch = batch;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Telemetry.around(context, () -> batch.process(event, TimeBudget.fromEnvironment(context, MESSAGE_RESERVE)));
    }
}
