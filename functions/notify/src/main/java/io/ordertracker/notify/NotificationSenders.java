package io.ordertracker.notify;

import io.ordertracker.domain.notify.QuietHours;
import io.ordertracker.lambda.Env;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one wiring of a {@link NotificationSender} from the environment template.yaml sets, shared by the email and
 * the SMS sender functions; each gets only its own channel's gateway.
 */
public final class NotificationSenders {
    private NotificationSenders() {
    }

    public static NotificationSender emailOnly(DynamoDbClient dynamo, Gateways.EmailGateway email, Clock clock) {
        Env.require("SENDER_EMAIL"); // an email sender without a default From address is a deployment mistake
        return fromEnvironment(dynamo, email, NO_SMS, clock);
    }

    public static NotificationSender smsOnly(DynamoDbClient dynamo, Gateways.SmsGateway sms, Clock clock) {
        return fromEnvironment(dynamo, NO_EMAIL, sms, clock);
    }

    private static NotificationSender fromEnvironment(DynamoDbClient dynamo, Gateways.EmailGateway email,
                                                      Gateways.SmsGateway sms, Clock clock) {
        String table = Env.require("TABLE_NAME");
        return new NotificationSender(new DynamoDbOrderStore(dynamo, table), new DynamoDbMerchantStore(dynamo, table),
                new NotificationLedger(dynamo, table, Duration.ofSeconds(Env.intValue("CLAIM_LEASE_SECONDS", 120))),
                new SuppressionList(dynamo, table), email, sms, new MessageComposer(), settings(), clock);
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

    private static final Gateways.EmailGateway NO_EMAIL = (source, to, replyTo, email) -> {
        throw new IllegalStateException("this function sends no email");
    };

    private static final Gateways.SmsGateway NO_SMS = new Gateways.SmsGateway() {
        @Override
        public boolean optedOut(String phoneNumber) {
            throw new IllegalStateException("this function sends no SMS");
        }

        @Override
        public String send(String phoneNumber, String text) {
            throw new IllegalStateException("this function sends no SMS");
        }
    };
}
