package io.ordertracker.functions.webhookproducer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.StreamBatch;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import io.ordertracker.storage.WebhookSources;
import io.ordertracker.webhooks.SqsDeliveryQueue;
import io.ordertracker.webhooks.WebhookEvents;
import io.ordertracker.webhooks.WebhookProducer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The table's stream (filtered to ORDER, SHIPMENT and NOTIFICATION items) to webhook deliveries on the FIFO
 * webhook queue, in record order; a failing record stops the batch and is reported ({@link StreamBatch}).
 */
public class WebhookProducerFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final WebhookProducer producer;
    @SuppressWarnings("unused")
    private final Priming priming;

    public WebhookProducerFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        var orders = table.orders();
        WebhookEvents events = new WebhookEvents(s -> orders.findEvents(s.shipmentId(), 5).stream()
                .filter(e -> s.lastEventAt() == null || s.lastEventAt().equals(e.instant())).findFirst()
                .orElse((TrackingEvent) null));
        this.producer = new WebhookProducer(events, table.webhookEndpoints(), table.webhookDeliveries(),
                new SqsDeliveryQueue(sqs, Env.require("WEBHOOK_QUEUE_URL"), Env.require("WEBHOOK_DLQ_URL")),
                Clocks.fromEnvironment());
        this.priming = Priming.register(table::prime);
    }

    public WebhookProducerFunction(WebhookProducer producer) {
        this.producer = producer;
        this.priming = null;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Telemetry.around(context, () -> {
            Map<String, List<WebhookEndpoint>> endpoints = new HashMap<>();
            int[] queued = new int[1];
            StreamsEventResponse response = StreamBatch.process(event,
                    record -> queued[0] += producer.onChange(WebhookSources.of(record), endpoints),
                    record -> Telemetry.metrics().addMetric("WebhookProductionFailed", 1, MetricUnit.COUNT));
            Telemetry.metrics().addMetric("WebhookDeliveriesQueued", queued[0], MetricUnit.COUNT);
            return response;
        });
    }
}
