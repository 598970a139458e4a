package io.ordertracker.functions.pollplanner;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Two merchants share one DHL budget on DynamoDB Local and ElasticMQ: the merchant with 100 due parcels, all
 * longer overdue, does not take every call from the merchant with 5.
 */
class FairBudgetPlannerIT {
    static final Instant NOW = Instant.parse("2026-11-18T12:00:00Z");
    static DynamoDbLocal dynamoLocal;
    static ElasticMq elasticMq;
    static SqsClient sqs;
    static String queueUrl;
    static DynamoDbShipmentTracker tracker;
    static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        elasticMq = ElasticMq.start();
        DynamoDbClient dynamo = dynamoLocal.client();
        sqs = elasticMq.client();
        LocalResources r = new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo).createQueues(sqs);
        queueUrl = r.ref("TrackingQueue").orElseThrow();
        tracker = new DynamoDbShipmentTracker(dynamo, "TrackingTable");
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, "TrackingTable");
        // The big merchant's parcels were created an hour before the small one's: oldest-due-first alone would pick
        // only them.
        for (int i = 0; i < 100; i++) {
            order(orders, "m_big", "B" + i, String.format("%010d", 3364482000L + i), NOW.minus(Duration.ofMinutes(63)));
        }
        for (int i = 0; i < 5; i++) {
            order(orders, "m_small", "S" + i, String.format("%010d", 3364483000L + i), NOW.minus(Duration.ofMinutes(3)));
        }
    }

    static void order(DynamoDbOrderStore orders, String merchant, String number, String trackingNumber, Instant created) {
        orders.create(new Order(merchant, number, new Customer("A", "a@example.com", null, "UTC", "en"),
                List.of(new OrderItem("x", 1, null)), null, created, "h"),
                List.of(Shipment.newShipment(merchant, number, "shp_" + number, Carrier.DHL, trackingNumber,
                        "tok" + merchant + number, created)), null);
    }

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
        elasticMq.close();
        dynamoLocal.close();
    }

    static List<TrackingMessage> drain() {
        List<TrackingMessage> out = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(TrackingMessage.parse(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void aSmallDhlBudgetIsSharedBetweenMerchantsInsteadOfTheBiggestTakingItAll() {
        // 1,500 a day with 60 used: 1,440 left over the 144 five-minute runs until midnight UTC = 10 calls this run.
        tracker.add(Carrier.DHL, LocalDate.ofInstant(NOW, ZoneOffset.UTC), 60);
        PollPlanRun run = new PollPlanRun(tracker, tracker, new SqsTrackingQueue(sqs, queueUrl),
                new PollPlanRun.Config(5000, Duration.ofMinutes(5), Map.of(Carrier.DHL, 1500L), PollingSettings.defaults()),
                Clock.fixed(NOW, ZoneOffset.UTC), EXECUTOR, (n, v) -> { });

        List<PollPlanRun.CarrierPlan> plans = run.run();
        PollPlanRun.CarrierPlan dhl = plans.stream().filter(p -> p.carrier() == Carrier.DHL).findFirst().orElseThrow();
        assertThat(dhl.due()).isEqualTo(105);
        assertThat(dhl.callLimit()).isEqualTo(10);
        assertThat(dhl.planned()).isEqualTo(10);

        Map<String, List<String>> sentPerMerchant = drain().stream().flatMap(m -> m.shipments().stream())
                .collect(Collectors.groupingBy(TrackingMessage.Entry::merchantId,
                        Collectors.mapping(TrackingMessage.Entry::shipmentId, Collectors.toList())));
        assertThat(sentPerMerchant.get("m_small")).containsExactlyInAnyOrder("shp_S0", "shp_S1", "shp_S2", "shp_S3", "shp_S4");
        assertThat(sentPerMerchant.get("m_big")).hasSize(5);
    }
}
