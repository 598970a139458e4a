package io.ordertracker.functions.emailsender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.notify.Gateways;
import io.ordertracker.notify.JobBatchProcessor;
import io.ordertracker.notify.MessageComposer;
import io.ordertracker.notify.NotificationLedger;
import io.ordertracker.notify.NotificationSender;
import io.ordertracker.notify.SesEmailGateway;
import io.ordertracker.notify.SuppressionList;
import io.ordertracker.notify.Tally;
import io.ordertracker.domain.notify.QuietHours;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The email queue to SES: one message per (shipment, milestone, channel) ever, branded, HTML and text. */
public class EmailSenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final JobBatchProcessor processor;
    private final Tally tally;
    @SuppressWarnings("unused")
    private final Priming priming;

    public EmailSenderFunction() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB");
        SesClient ses = AwsClients.build(SesClient.builder(), "SES");
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        String table = Env.require("TABLE_NAME");
        Clock clock = Clocks.fromEnvironment();
        this.tally = new Tally();
        NotificationSender sender = new NotificationSender(new DynamoDbOrderStore(dynamo, table),
                new DynamoDbMerchantStore(dynamo, table),
                new NotificationLedger(dynamo, table, Duration.ofSeconds(Env.intValue("CLAIM_LEASE_SECONDS", 120))),
                new SuppressionList(dynamo, table),
                new SesEmailGateway(ses, Env.get("CONFIGURATION_SET").orElse(null)), noSms(),
                new MessageComposer(), settings(), clock);
        this.processor = new JobBatchProcessor(sender, sqs, Env.require("EMAIL_QUEUE_URL"), clock, tally);
        this.priming = Priming.register(() -> dynamo.describeTable(b -> b.tableName(table)));
    }

    public EmailSenderFunction(JobBatchProcessor processor, Tally tally) {
        this.processor = processor;
        this.tally = tally;
        this.priming = null;
    }

    /** Configuration of the sender from the environment template.yaml sets. */
    public static NotificationSender.Settings settings() {
        return new NotificationSender.Settings(Env.require("SENDER_EMAIL"), Env.get("TRACKING_PAGE_BASE_URL").orElse(null),
                ZoneId.of(Env.get("DEFAULT_TIME_ZONE").orElse("UTC")),
                Locale.forLanguageTag(Env.get("DEFAULT_LOCALE").orElse("en-US")), QuietHours.DEFAULT);
    }

    private static Gateways.SmsGateway noSms() {
        return new Gateways.SmsGateway() {
            @Override
            public boolean optedOut(String phoneNumber) {
                throw new UnsupportedOperationException("the email sender sends no SMS");
            }

            @Override
            public String send(String phoneNumber, String text) {
                throw new UnsupportedOperationException("the email sender sends no SMS");
            }
        };
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Telemetry.around(context, () -> {
            try {
                return processor.process(event);
            } finally {
                tally.publish();
            }
        });
    }
}
