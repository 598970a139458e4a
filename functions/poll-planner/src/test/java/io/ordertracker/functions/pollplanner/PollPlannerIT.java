package io.ordertracker.functions.pollplanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.polling.PollPlanRun;
import io.ordertracker.polling.SqsTrackingQueue;
import io.ordertracker.polling.TrackingMessage;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The planner against DynamoDB Local and ElasticMQ, with the table and queues template.yaml declares. */
class PollPlannerIT {
    static final Instant NOW = Instant.parse("2026-11-18T12:00:00Z");
    static DynamoDbLocal dynamoLocal;
    static ElasticMq elasticMq;
    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static String queueUrl;
    static DynamoDbShipmentTracker tracker;
    static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        elasticMq = ElasticMq.start();
        dynamo = dynamoLocal.client();
        sqs = elasticMq.client();
        LocalResources r = new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo).createQueues(sqs);
        queueUrl = r.ref("TrackingQueue").orElseThrow();
        tracker = new DynamoDbShipmentTracker(dynamo, "TrackingTable");
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, "TrackingTable");
        for (int i = 0; i < 35; i++) {
            order(orders, "F" + i, Carrier.FEDEX, String.format("7946%08d", i));
        }
        for (int i = 0; i < 5; i++) {
            order(orders, "D" + i, Carrier.DHL, String.format("%010d", 3364481000L + i));
        }
        // Not due yet: created in the future of the planner's clock.
        orders.create(new Order("m_plan", "LATER", new Customer("A", "a@example.com", null, "UTC", "en"), List.of(
                new OrderItem("x", 1, null)), null, NOW, "h"), List.of(Shipment.newShipment("m_plan", "LATER", "shp_later",
                Carrier.UPS, "1Z8V4E27030004411X", "tok_later", NOW.plus(Duration.ofHours(1)))), null);
    }

    static void order(DynamoDbOrderStore orders, String number, Carrier carrier, String trackingNumber) {
        Instant created = NOW.minus(Duration.ofMinutes(3));
        orders.create(new Order("m_plan", number, new Customer("A", "a@example.com", null, "UTC", "en"),
                List.of(new OrderItem("x", 1, null)), null, created, "h"),
                List.of(Shipment.newShipment("m_plan", number, "shp_" + number, carrier, trackingNumber, "tok" + number, created)), null);
    }

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
        elasticMq.close();
        dynamoLocal.close();
    }

    static PollPlannerFunction planner(long dhlBudget) {
        return new PollPlannerFunction(new PollPlanRun(tracker, tracker, new SqsTrackingQueue(sqs, queueUrl), new PollPlanRun.Config(5000,
                Duration.ofMinutes(5), Map.of(Carrier.DHL, dhlBudget), PollingSettings.defaults()),
                Clock.fixed(NOW, ZoneOffset.UTC), EXECUTOR, (n, v) -> { }));
    }

    /** The sample event (events/PollPlannerFunction.json), as EventBridge delivers it. */
    static ScheduledEvent sampleEvent() {
        try {
            com.fasterxml.jackson.databind.JsonNode json = io.ordertracker.json.Json.MAPPER.readTree(
                    java.nio.file.Files.readString(SamTemplate.locate().getParent().resolve("events/PollPlannerFunction.json")));
            ScheduledEvent e = new ScheduledEvent();
            e.setId(json.path("id").asText());
            e.setDetailType(json.path("detail-type").asText());
            e.setSource(json.path("source").asText());
            e.setAccount(json.path("account").asText());
            e.setRegion(json.path("region").asText());
            List<String> resources = new ArrayList<>();
            json.path("resources").forEach(r -> resources.add(r.asText()));
            e.setResources(resources);
            return e;
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    static List<TrackingMessage> drain() {
        List<TrackingMessage> out = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                TrackingMessage parsed = TrackingMessage.parse(m.body());
                assertThat(m.messageAttributes().get("carrier").stringValue()).isEqualTo(parsed.carrier());
                out.add(parsed);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void plansBatchesPerCarrierWithinTheBudgetAndNeverTheSameShipmentTwice() {
        // DHL has 2 of its 250 daily calls left: at noon that is one call this run (paced over the day)
        tracker.add(Carrier.DHL, LocalDate.ofInstant(NOW, ZoneOffset.UTC), 248);
        Map<String, Object> summary = planner(250).handleRequest(sampleEvent(), null);
        List<TrackingMessage> sent = drain();

        List<Integer> fedexSizes = sent.stream().filter(m -> m.carrier().equals("fedex")).map(m -> m.shipments().size()).sorted().toList();
        assertThat(fedexSizes).containsExactly(5, 30);
        assertThat(sent.stream().filter(m -> m.carrier().equals("dhl")).mapToInt(m -> m.shipments().size()).sum()).isEqualTo(1);
        assertThat(sent.stream().filter(m -> m.carrier().equals("ups"))).isEmpty();
        assertThat(summary).containsKey("fedex");
        assertThat(sampleEvent().getDetailType()).isEqualTo("Scheduled Event");

        // The next run (five minutes later, workers not done yet): the leased shipments are not sent again.
        planner(250).handleRequest(sampleEvent(), null);
        List<TrackingMessage> second = drain();
        assertThat(second.stream().filter(m -> m.carrier().equals("fedex"))).isEmpty();
        List<String> dhlFirst = sent.stream().filter(m -> m.carrier().equals("dhl"))
                .flatMap(m -> m.shipments().stream()).map(TrackingMessage.Entry::shipmentId).toList();
        assertThat(second.stream().flatMap(m -> m.shipments().stream()).map(TrackingMessage.Entry::shipmentId))
                .doesNotContainAnyElementsOf(dhlFirst);

        // Budget spent: nothing for DHL at all.
        tracker.add(Carrier.DHL, LocalDate.ofInstant(NOW, ZoneOffset.UTC), 2);
        planner(250).handleRequest(sampleEvent(), null);
        assertThat(drain().stream().filter(m -> m.carrier().equals("dhl"))).isEmpty();
    }
}
