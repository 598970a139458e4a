package io.ordertracker.functions.changedetector;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.lambda.Env;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.Ports;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.notify.JobMessages;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The function as Lambda builds it (no-arg constructor, environment as template.yaml sets it), fed the sample
 * stream event events/ChangeDetectorFunction.json (an order created, a shipment going out for delivery).
 */
class ChangeDetectorFunctionIT {
    static DynamoDbLocal dynamoLocal;
    static ElasticMq elasticMq;
    static SqsClient sqs;
    static LocalResources resources;
    static Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        elasticMq = ElasticMq.start();
        sqs = elasticMq.client();
        resources = new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamoLocal.client()).createQueues(sqs);
        new DynamoDbMerchantStore(dynamoLocal.client(), "TrackingTable").createMerchant(new Merchant("m_demo", "Acme",
                MerchantSettings.defaults("Acme"), Instant.parse("2026-11-16T15:00:00Z")));
        // the order the sample's shipment belongs to: the shopper's contact is read from it
        new DynamoDbOrderStore(dynamoLocal.client(), "TrackingTable").create(new Order("m_demo", "A-1001",
                new Customer("Ada", "ada@example.com", "+12125550123", "America/New_York", "en-US"), List.of(),
                LocalDate.parse("2026-11-20"), Instant.parse("2026-11-16T15:00:00Z"), "h"), List.of(), null);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoLocal.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:" + Ports.free()); // no exception in the sample: never called
        env.put("TABLE_NAME", "TrackingTable");
        env.put("EMAIL_QUEUE_URL", resources.ref("EmailQueue").orElseThrow());
        env.put("SMS_QUEUE_URL", resources.ref("SmsQueue").orElseThrow());
        env.put("EXCEPTIONS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:ExceptionsTopic");
    }

    @AfterAll
    static void stop() {
        elasticMq.close();
        dynamoLocal.close();
    }

    /** Reads a Lambda DynamoDB stream event from its JSON form (DynamoDB-typed attribute values). */
    static DynamodbEvent sample(String name) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(
                SamTemplate.locate().getParent().resolve("events").resolve(name)));
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (JsonNode r : root.path("Records")) {
            JsonNode d = r.path("dynamodb");
            StreamRecord sr = new StreamRecord();
            sr.setKeys(image(d.path("Keys")));
            if (d.has("NewImage")) {
                sr.setNewImage(image(d.path("NewImage")));
            }
            if (d.has("OldImage")) {
                sr.setOldImage(image(d.path("OldImage")));
            }
            sr.setSequenceNumber(d.path("SequenceNumber").asText());
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName(r.path("eventName").asText());
            record.setEventSourceARN(r.path("eventSourceARN").asText());
            record.setDynamodb(sr);
            records.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    static Map<String, AttributeValue> image(JsonNode node) {
        Map<String, AttributeValue> out = new HashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    static AttributeValue value(JsonNode v) {
        AttributeValue out = new AttributeValue();
        if (v.has("S")) {
            out.setS(v.get("S").asText());
        } else if (v.has("N")) {
            out.setN(v.get("N").asText());
        } else if (v.has("BOOL")) {
            out.setBOOL(v.get("BOOL").asBoolean());
        } else if (v.has("SS")) {
            List<String> ss = new ArrayList<>();
            v.get("SS").forEach(x -> ss.add(x.asText()));
            out.setSS(ss);
        } else if (v.has("M")) {
            out.setM(image(v.get("M")));
        } else {
            out.setNULL(true);
        }
        return out;
    }

    private List<NotificationJob> drain(String queueUrl) {
        List<NotificationJob> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                break;
            }
            messages.forEach(m -> {
                jobs.add(JobMessages.parse(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            });
        }
        return jobs;
    }

    @Test
    void theSampleStreamEventQueuesTheDefaultChannelsJobs() throws Exception {
        DynamodbEvent event = sample("ChangeDetectorFunction.json");
        StreamsEventResponse response = Env.withOverlay(env, () -> new ChangeDetectorFunction().handleRequest(event, null));
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(drain(env.get("EMAIL_QUEUE_URL"))).singleElement().satisfies(j -> {
            assertThat(j.jobId()).isEqualTo("m_demo#A-1001#ORDER#ORDER_CONFIRMED#EMAIL");
            assertThat(j.shipmentId()).isNull();
        });
        assertThat(drain(env.get("SMS_QUEUE_URL"))).singleElement().satisfies(j ->
                assertThat(j.jobId()).isEqualTo("m_demo#A-1001#shp_0123456789abcdef01234567#OUT_FOR_DELIVERY#SMS"));
    }

    @Test
    void aRecordThatCannotBeReadIsReportedAndStopsTheBatchThere() throws Exception {
        DynamodbEvent event = sample("ChangeDetectorFunction.json");
        var broken = event.getRecords().get(1).getDynamodb().getNewImage();
        broken.get("status").setS("NOT_A_STATUS");
        DynamodbEvent.DynamodbStreamRecord third = sample("ChangeDetectorFunction.json").getRecords().get(0);
        third.getDynamodb().setSequenceNumber("100000000000000000003");
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(event.getRecords());
        records.add(third);
        event.setRecords(records);
        StreamsEventResponse response = Env.withOverlay(env, () -> new ChangeDetectorFunction().handleRequest(event, null));
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("100000000000000000002");
        assertThat(drain(env.get("EMAIL_QUEUE_URL"))).hasSize(1); // the first record only; the third waits for the retry
        assertThat(drain(env.get("SMS_QUEUE_URL"))).isEmpty();
    }
}
