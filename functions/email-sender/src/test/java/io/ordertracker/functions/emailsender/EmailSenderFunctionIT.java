package io.ordertracker.functions.emailsender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.lambda.Env;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.MotoServer;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * The function as Lambda builds it (no-arg constructor, configuration from the environment template.yaml sets,
 * endpoints through AWS_ENDPOINT_URL_*), fed the sample event events/EmailSenderFunction.json.
 */
class EmailSenderFunctionIT {
    static DynamoDbLocal dynamoLocal;
    static ElasticMq elasticMq;
    static MotoServer moto;
    static Map<String, String> env;

    @BeforeAll
    static void start() {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        dynamoLocal = DynamoDbLocal.start();
        elasticMq = ElasticMq.start();
        moto = MotoServer.start();
        var dynamo = dynamoLocal.client();
        LocalResources resources = new LocalResources(SamTemplate.load(SamTemplate.locate()))
                .createTables(dynamo).createQueues(elasticMq.client());
        Instant t = Instant.parse("2026-11-16T15:00:00Z");
        new DynamoDbMerchantStore(dynamo, "TrackingTable").createMerchant(new Merchant("m_demo", "Acme Outfitters",
                new MerchantSettings("Acme Outfitters", null, null, null, "orders@acme.example", "help@acme.example",
                        null, null, 3), t));
        Shipment delivered = new Shipment("m_demo", "A-1001", "shp_0123456789abcdef01234567", Carrier.UPS,
                "1Z5R89390357567127", "tk_demo_token", ShipmentStatus.DELIVERED, ExceptionReason.NONE,
                EstimatedDelivery.of(LocalDate.parse("2026-11-19"), EstimatedDelivery.Kind.SCHEDULED), false, false,
                Instant.parse("2026-11-19T18:00:00Z"), Instant.parse("2026-11-19T18:00:00Z"), null, true, t, t, 5);
        new DynamoDbOrderStore(dynamo, "TrackingTable").create(new Order("m_demo", "A-1001",
                new Customer("Ada", "ada@example.com", "+12125550123", "America/New_York", "en-US"), List.of(),
                LocalDate.parse("2026-11-20"), t, "h"), List.of(delivered), null);
        SesClient ses = LocalAws.configure(SesClient.builder(), moto.endpoint()).build();
        ses.verifyDomainIdentity(b -> b.domain("acme.example"));
        env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoLocal.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SES", moto.endpoint().toString());
        env.put("TABLE_NAME", "TrackingTable");
        env.put("EMAIL_QUEUE_URL", resources.ref("EmailQueue").orElseThrow());
        env.put("SENDER_EMAIL", "notifications@example.com");
        env.put("CONFIGURATION_SET", "EmailConfigurationSet");
        env.put("TRACKING_PAGE_BASE_URL", "https://track.example.test");
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
            elasticMq.close();
            dynamoLocal.close();
        }
    }

    static SQSEvent sample() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(
                SamTemplate.locate().getParent().resolve("events").resolve("EmailSenderFunction.json")));
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (JsonNode r : root.path("Records")) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(r.path("messageId").asText());
            m.setReceiptHandle(r.path("receiptHandle").asText());
            m.setBody(r.path("body").asText());
            m.setEventSourceArn(r.path("eventSourceARN").asText());
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    @Test
    void theSampleJobSendsOneBrandedEmailAndARedeliverySendsNothing() throws Exception {
        SQSEvent event = sample();
        EmailSenderFunction function = Env.withOverlay(env, EmailSenderFunction::new);
        SQSBatchResponse first = Env.withOverlay(env, () -> function.handleRequest(event, null));
        SQSBatchResponse again = Env.withOverlay(env, () -> function.handleRequest(event, null));
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        List<JsonNode> sent = moto.sentEmails();
        // the configuration set and the tags its events carry back (NotificationOutcomesFunction): moto accepted
        // them (it keeps neither, so the request is read from the function's own client)
        assertThat(SentRequests.EMAILS).singleElement().satisfies(e -> {
            assertThat(e.request().configurationSetName()).isEqualTo("EmailConfigurationSet");
            assertThat(e.request().tags()).extracting(t -> t.name() + "=" + t.value()).containsExactly(
                    "ot_merchant=m_demo", "ot_channel=EMAIL", "ot_milestone=DELIVERED",
                    "ot_ledger=" + io.ordertracker.domain.Hashing.sha256Hex(
                            "m_demo#A-1001#shp_0123456789abcdef01234567#DELIVERED#EMAIL"));
            assertThat(sent).extracting(m -> m.path("id").asText()).containsExactly(e.messageId());
        });
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.path("subject").asText()).isEqualTo("Acme Outfitters: your order A-1001 was delivered");
            assertThat(m.path("destinations").path("ToAddresses").get(0).asText()).isEqualTo("ada@example.com");
            assertThat(m.path("source").asText()).endsWith("<orders@acme.example>");
            assertThat(m.path("body").asText()).contains("https://track.example.test/t/tk_demo_token",
                    "1Z5R89390357567127", "help@acme.example");
        });
    }
}
