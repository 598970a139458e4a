package io.ordertracker.functions.smssender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.domain.notify.QuietHours;
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
import io.ordertracker.notify.SnsSmsGateway;
import io.ordertracker.notify.SuppressionList;
import io.ordertracker.notify.Tally;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SMS queue to SNS: short texts, opt-out checked first, held through quiet hours in the shopper's zone
 * (the message's visibility is pushed to the morning), dropped when a later milestone made it stale.
 */
public class SmsSenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final JobBatchProcessor processor;
    private final Tally tally;
    @SuppressWarnings("unused")
    private final Priming priming;

    public SmsSenderFunction() {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB");
        SnsClient sns = AwsClients.build(SnsClient.builder(), "SNS");
        SqsClient sqs = AwsClients.build(SqsClient.builder(), "SQS");
        String table = Env.require("TABLE_NAME");
        Clock clock = Clocks.fromEnvironment();
        this.tally = new Tally();
        NotificationSender sender = new NotificationSender(new DynamoDbOrderStore(dynamo, table),
                new DynamoDbMerchantStore(dynamo, table),
                new NotificationLedger(dynamo, table, Duration.ofSeconds(Env.intValue("CLAIM_LEASE_SECONDS", 120))),
                new SuppressionList(dynamo, table), noEmail(), new SnsSmsGateway(sns), new MessageComposer(),
                settings(), clock);
        this.processor = new JobBatchProcessor(sender, sqs, Env.require("SMS_QUEUE_URL"), clock, tally);
        this.priming = Priming.register(() -> dynamo.describeTable(b -> b.tableName(table)));
    }

    public SmsSenderFunction(JobBatchProcessor processor, Tally tally) {
        this.processor = processor;
        this.tally = tally;
        this.priming = null;
    }

    /** Quiet hours as {@code QUIET_HOURS=21:00-08:00} (the default). */
    public static NotificationSender.Settings settings() {
        QuietHours quiet = Env.get("QUIET_HOURS").map(spec -> {
            String[] parts = spec.split("-");
            return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        }).orElse(QuietHours.DEFAULT);
        return new NotificationSender.Settings(Env.get("SENDER_EMAIL").orElse("unused@invalid.example"),
                Env.get("TRACKING_PAGE_BASE_URL").orElse(null), ZoneId.of(Env.get("DEFAULT_TIME_ZONE").orElse("UTC")),
                Locale.forLanguageTag(Env.get("DEFAULT_LOCALE").orElse("en-US")), quiet);
    }

    private static Gateways.EmailGateway noEmail() {
        return (source, to, replyTo, email) -> {
            throw new UnsupportedOperationException("the SMS sender sends no email");
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
