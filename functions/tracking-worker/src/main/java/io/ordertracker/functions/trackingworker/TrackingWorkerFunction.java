package io.ordertracker.functions.trackingworker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.carriers.SecretsManagerCredentialsProvider;
import io.ordertracker.carriers.TrackingClient;
import io.ordertracker.carriers.TrackingClients;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.SqsBatch.Disposition;
import io.ordertracker.lambda.SqsBatch;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.polling.PollingWiring;
import io.ordertracker.polling.TrackingWorker;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Consumes the tracking queue with partial batch failures ({@link SqsBatch}): each message is one carrier request
 * (or a few), handled by {@link TrackingWorker}; a message that fails (carrier outage, bad credentials, unreadable
 * body) is reported alone and comes back after the visibility timeout, then goes to the dead-letter queue. No
 * message is started with less time left than one carrier call may take at worst (docs/polling.md).
 */
public class TrackingWorkerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** One carrier call at worst: 3 attempts of up to 15 s each plus the backoffs between them (~47 s). */
    static final Duration MESSAGE_RESERVE = Duration.ofSeconds(50);
    private final TrackingWorker worker;
    @SuppressWarnings("unused")
    private final Priming priming;

    public TrackingWorkerFunction() {
        TrackingTable table = TrackingTable.fromEnvironment();
        SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), "SECRETS_MANAGER");
        Clock clock = Clocks.fromEnvironment();
        Map<Carrier, TrackingClient> clients = TrackingClients.create(PollingWiring.carrierBaseUrls(),
                new SecretsManagerCredentialsProvider(secrets, Env.require(SecretsManagerCredentialsProvider.SECRET_ENV),
                        Clock.systemUTC()), clock);
        DynamoDbShipmentTracker shipments = table.shipments();
        this.worker = new TrackingWorker(new ObservationWriter(shipments, PollingWiring.progress(), clock,
                PollingWiring.metrics()), shipments, clients::get, clock, PollingWiring.metrics());
        this.priming = Priming.register(table::prime);
    }

    public TrackingWorkerFunction(TrackingWorker worker) {
        this.worker = worker;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Telemetry.around(context, () -> SqsBatch.process(event,
                SqsBatch.TimeBudget.fromEnvironment(context, MESSAGE_RESERVE), message ->
                worker.handle(message.getBody()) == TrackingWorker.Outcome.RETRY ? Disposition.RETRY : Disposition.DONE));
    }
}
