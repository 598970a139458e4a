package io.ordertracker.functions.trackingworker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.carriers.CarrierCredentialsProvider;
import io.ordertracker.carriers.SecretsManagerCredentialsProvider;
import io.ordertracker.carriers.TrackingClient;
import io.ordertracker.carriers.TrackingClients;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.polling.TrackingMessage;
import io.ordertracker.polling.TrackingWorker;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Consumes the tracking queue with partial batch failures: each message is one carrier request (or a few), handled
 * by {@link TrackingWorker}; a message that fails (carrier outage, bad credentials, unreadable body) is reported
 * alone and comes back after the visibility timeout, then goes to the dead-letter queue.
 */
public class TrackingWorkerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingWorkerFunction.class);

    private final TrackingWorker worker;
    @SuppressWarnings("unused")
    private final Priming priming;

    public TrackingWorkerFunction() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB");
        SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), "SECRETS_MANAGER");
        String table = Env.require("TABLE_NAME");
        Clock clock = Clocks.fromEnvironment();
        CarrierCredentialsProvider credentials = new SecretsManagerCredentialsProvider(secrets,
                Env.require(SecretsManagerCredentialsProvider.SECRET_ENV), Clock.systemUTC());
        Map<Carrier, TrackingClient> clients = TrackingClients.create(baseUrls(), credentials, clock);
        this.worker = new TrackingWorker(new DynamoDbShipmentTracker(dynamo, table), clients::get,
                new TrackingProgress(new PollCadence(PollingSettings.from(n -> Env.get(n).orElse(null)))), clock,
                (name, value) -> Telemetry.metrics().addMetric(name, value, MetricUnit.COUNT));
        this.priming = Priming.register(() -> dynamo.describeTable(b -> b.tableName(table)));
    }

    public TrackingWorkerFunction(TrackingWorker worker) {
        this.worker = worker;
        this.priming = null;
    }

    /** Carrier hosts: production unless {@code UPS_BASE_URL}, {@code FEDEX_BASE_URL}, ... say otherwise. */
    static Map<Carrier, URI> baseUrls() {
        Map<String, String> env = new HashMap<>();
        for (Carrier c : Carrier.values()) {
            Env.get(c.name() + "_BASE_URL").ifPresent(v -> env.put(c.name() + "_BASE_URL", v));
        }
        return TrackingClients.baseUrlsFromEnvironment(env);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Telemetry.around(context, () -> process(event));
    }

    SQSBatchResponse process(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            MDC.put("messageId", record.getMessageId());
            try {
                TrackingMessage message = TrackingMessage.parse(record.getBody());
                MDC.put("planId", message.planId());
                MDC.put("carrier", message.carrier());
                if (worker.handle(message) == TrackingWorker.Outcome.RETRY) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                }
            } catch (IllegalArgumentException e) {
                // A poison message: it fails every time and ends in the DLQ with its body, for a person to read.
                LOG.error("unreadable tracking message: {}", e.getMessage());
                Telemetry.metrics().addMetric("PoisonMessages", 1, MetricUnit.COUNT);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            } catch (RuntimeException e) {
                LOG.error("tracking message failed; SQS will deliver it again", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            } finally {
                MDC.clear();
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
