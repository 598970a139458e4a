package io.ordertracker.functions.smssender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.lambda.Env;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.MotoServer;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The function as Lambda builds it, fed the sample event events/SmsSenderFunction.json through the real queue: at
 * night (simulated clock, as the local runtime sets it) the text waits with its visibility pushed to 08:00; by day
 * it goes out once.
 */
class SmsSenderFunctionIT {
    static DynamoDbLocal dynamoLocal;
    static ElasticMq elasticMq;
    static MotoServer moto;
    static SqsClient sqs;
    static String queueUrl;
    static Map<String, String> env;

    @BeforeAll
    static void start() {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        dynamoLocal = DynamoDbLocal.start();
        elasticMq = ElasticMq.start();
        moto = MotoServer.start();
        var dynamo = dynamoLocal.client();
        sqs = elasticMq.client();
        LocalResources resources = new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo).createQueues(sqs);
        queueUrl = resources.ref("SmsQueue").orElseThrow();
        Instant t = Instant.parse("2026-11-16T15:00:00Z");
        new DynamoDbMerchantStore(dynamo, "TrackingTable").createMerchant(new Merchant("m_demo", "Acme Outfitters",
                MerchantSettings.defaults("Acme Outfitters"), t));
        Shipment ofd = new Shipment("m_demo", "A-1001", "shp_0123456789abcdef01234567", Carrier.UPS, "1Z5R89390357567127",
                "tk_demo_token", ShipmentStatus.OUT_FOR_DELIVERY, ExceptionReason.NONE, null, false, false, t, t,
                t.plusSeconds(600), true, t, t, 4);
        new DynamoDbOrderStore(dynamo, "TrackingTable").create(new Order("m_demo", "A-1001",
                new Customer("Ada", "ada@example.com", "+12125550123", "America/New_York", "en-US"), List.of(),
                LocalDate.parse("2026-11-20"), t, "h"), List.of(ofd), null);
        env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoLocal.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", moto.endpoint().toString());
        env.put("TABLE_NAME", "TrackingTable");
        env.put("SMS_QUEUE_URL", queueUrl);
        env.put("TRACKING_PAGE_BASE_URL", "https://track.example.test");
        env.put("QUIET_HOURS", "21:00-08:00");
        env.put("LOCAL_CLOCK_FACTOR", "1");
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
            elasticMq.close();
            dynamoLocal.close();
        }
    }

    static String sampleBody() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(
                SamTemplate.locate().getParent().resolve("events").resolve("SmsSenderFunction.json")));
        return root.path("Records").get(0).path("body").asText();
    }

    private static SQSBatchResponse deliver(Message m, Instant simulatedNow) {
        Map<String, String> at = new HashMap<>(env);
        at.put("LOCAL_CLOCK_EPOCH_MILLIS", Long.toString(simulatedNow.toEpochMilli()));
        at.put("LOCAL_CLOCK_REAL_START_MILLIS", Long.toString(System.currentTimeMillis()));
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));
        return Env.withOverlay(at, () -> new SmsSenderFunction().handleRequest(event, null));
    }

    @Test
    void atNightTheTextWaitsForTheMorningAndThenGoesOutOnce() throws Exception {
        String body = sampleBody();
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        Message night = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)).messages().get(0);
        SQSBatchResponse held = deliver(night, Instant.parse("2026-11-19T03:00:00Z")); // 22:00 in New York
        assertThat(held.getBatchItemFailures()).hasSize(1);
        assertThat(moto.sentSms()).isEmpty();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)).messages())
                .as("held until 08:00, not handed out again now").isEmpty();

        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(night.receiptHandle()).visibilityTimeout(0));
        Message morning = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)).messages().get(0);
        assertThat(deliver(morning, Instant.parse("2026-11-19T13:30:00Z")).getBatchItemFailures()).isEmpty();
        assertThat(deliver(morning, Instant.parse("2026-11-19T13:31:00Z")).getBatchItemFailures()).isEmpty();
        assertThat(moto.sentSms()).singleElement().satisfies(m -> {
            assertThat(m.path("phone_number").asText()).isEqualTo("+12125550123");
            assertThat(m.path("message").asText()).isEqualTo(
                    "Acme Outfitters: order A-1001 is out for delivery today. https://track.example.test/t/tk_demo_token");
        });
    }
}
