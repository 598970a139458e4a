package io.ordertracker.functions.merchantstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.analytics.FactRules;
import io.ordertracker.domain.analytics.Figures;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantFacts;
import io.ordertracker.storage.DynamoDbShopperPreferences;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The function on DynamoDB Local: one order's stream records (created, its parcel created, first scan, delivered,
 * a message marked sent) to the merchant's aggregates; the same records delivered again, in another batching,
 * change nothing.
 */
class MerchantStatsFunctionIT {
    static DynamoDbLocal dynamoLocal;
    static TrackingTable table;
    static DynamoDbMerchantFacts facts;
    static MerchantStatsFunction function;
    static final LocalDate FROM = LocalDate.parse("2026-11-01");
    static final LocalDate TO = LocalDate.parse("2026-11-30");

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamoLocal.client());
        table = new TrackingTable(dynamoLocal.client(), "TrackingTable");
        facts = table.merchantFacts(Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
        function = new MerchantStatsFunction(new FactRules(table.orders()::findOrder), facts);
    }

    @AfterAll
    static void stop() {
        dynamoLocal.close();
    }

    @Test
    void oneOrdersJourneyIsCountedOnceEvenWhenTheStreamDeliversItsRecordsAgain() {
        String merchant = "m_" + UUID.randomUUID();
        List<DynamodbEvent.DynamodbStreamRecord> records = journey(merchant, "A-1", LocalDate.parse("2026-11-21"));
        DynamodbEvent event = event(records);

        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        AnalyticsReport first = AnalyticsReport.of(facts, merchant, FROM, TO, AnalyticsReport.GroupBy.CARRIER);

        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        for (DynamodbEvent.DynamodbStreamRecord r : records) { // redelivered one by one (bisected batches)
            assertThat(function.handleRequest(event(List.of(r)), null).getBatchItemFailures()).isEmpty();
        }
        AnalyticsReport again = AnalyticsReport.of(facts, merchant, FROM, TO, AnalyticsReport.GroupBy.CARRIER);

        Figures t = first.totals();
        assertThat(t.orders()).isEqualTo(1);
        assertThat(t.shipments()).isEqualTo(1);
        assertThat(t.scanned()).isEqualTo(1);
        assertThat(t.timeToFirstScan()).containsEntry("under12h", 1L); // created 15:00, picked up 22:42
        assertThat(t.scannedWithin24hRate()).isEqualTo(1.0);
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.transitP50Days()).isEqualTo(4); // 16 Nov 22:42Z to 20 Nov 22:23Z
        assertThat(t.onTimeJudged()).isEqualTo(1);
        assertThat(t.onTimeRate()).isEqualTo(1.0); // delivered 20 Nov (New York), promised 21 Nov
        assertThat(t.estimated()).isEqualTo(1);
        assertThat(t.estimateExactRate()).isEqualTo(0.0);
        assertThat(t.estimateMeanErrorDays()).isEqualTo(1.0); // first estimate 19 Nov
        assertThat(t.messages()).isEqualTo(1);
        assertThat(t.messagesSent()).isEqualTo(Map.of("EMAIL", Map.of("DELIVERED", 1L)));
        assertThat(first.rows()).extracting(AnalyticsReport.Row::key).containsExactly("ups");
        assertThat(first.rows().get(0).figures().delivered()).isEqualTo(1);
        assertThat(again).isEqualTo(first);
        assertThat(AnalyticsReport.of(facts, merchant, FROM, TO, AnalyticsReport.GroupBy.LANE).rows())
                .extracting(AnalyticsReport.Row::key).containsExactly("ups#003#US-NY#US-CA");
    }

    @Test
    void aLateDeliveryIsNotOnTimeAndAnotherMerchantSeesNoneOfIt() {
        String merchant = "m_" + UUID.randomUUID();
        function.handleRequest(event(journey(merchant, "B-1", LocalDate.parse("2026-11-19"))), null);

        Figures t = AnalyticsReport.of(facts, merchant, FROM, TO, AnalyticsReport.GroupBy.DAY).totals();
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.onTimeRate()).isEqualTo(0.0);
        Figures other = AnalyticsReport.of(facts, "m_" + UUID.randomUUID(), FROM, TO, AnalyticsReport.GroupBy.DAY)
                .totals();
        assertThat(other.orders()).isZero();
        assertThat(other.delivered()).isZero();
    }

    @Test
    void anUnsubscribeIsCountedOncePerAddressHoweverOftenItsRecordsComeAndWhateverIsWrittenAfter() {
        String merchant = "m_" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T09:00:00Z");
        var ada = table.preferences().forSending(merchant, "ada@example.com", at);
        var subscribed = preferencesItem(merchant, "ada@example.com");
        table.preferences().unsubscribeAll(ada.token(), at.plusSeconds(60));
        var unsubscribed = preferencesItem(merchant, "ada@example.com");
        table.preferences().forSending(merchant, "ada@example.com", at.plusSeconds(120)); // a later send, skipped
        var stillUnsubscribed = preferencesItem(merchant, "ada@example.com");
        var grace = table.preferences().forSending(merchant, "grace@example.com", at);
        var graceBefore = preferencesItem(merchant, "grace@example.com");
        table.preferences().update(grace.token(), false, java.util.Set.of(io.ordertracker.domain.Milestone.DELIVERED),
                at.plusSeconds(60)); // one milestone muted: still emailed, not an unsubscribe
        var graceMuted = preferencesItem(merchant, "grace@example.com");

        DynamodbEvent.DynamodbStreamRecord turn = record("MODIFY", subscribed, unsubscribed);
        List<DynamodbEvent.DynamodbStreamRecord> records = List.of(record("INSERT", null, subscribed), turn,
                record("MODIFY", unsubscribed, stillUnsubscribed), record("MODIFY", graceBefore, graceMuted));
        assertThat(function.handleRequest(event(records), null).getBatchItemFailures()).isEmpty();
        assertThat(function.handleRequest(event(records), null).getBatchItemFailures()).isEmpty();
        assertThat(function.handleRequest(event(List.of(turn)), null).getBatchItemFailures()).isEmpty();
        // resubscribed on the page and unsubscribed again: the same address on the same channel, not a new one
        assertThat(function.handleRequest(event(List.of(record("MODIFY", subscribed, stillUnsubscribed))), null)
                .getBatchItemFailures()).isEmpty();

        AnalyticsReport report = AnalyticsReport.of(facts, merchant, FROM, TO, AnalyticsReport.GroupBy.DAY);
        assertThat(report.totals().unsubscribes()).isEqualTo(1);
        assertThat(report.totals().unsubscribesByChannel()).isEqualTo(Map.of("EMAIL", 1L));
        assertThat(report.rows()).extracting(AnalyticsReport.Row::key).containsExactly("2026-11-21");
        assertThat(AnalyticsReport.of(facts, "m_" + UUID.randomUUID(), FROM, TO, AnalyticsReport.GroupBy.DAY)
                .totals().unsubscribes()).isZero();
    }

    static Map<String, AttributeValue> preferencesItem(String merchant, String email) {
        return events(dynamoLocal.client().getItem(b -> b.tableName("TrackingTable").key(Map.of(
                "pk", s("UNSUB#" + merchant + "#" + DynamoDbShopperPreferences.addressKey(email)),
                "sk", s("PREFERENCES")))).item());
    }

    /** The order written by the store (so its stream image is the real item), then its parcel's writes by hand. */
    static List<DynamodbEvent.DynamodbStreamRecord> journey(String merchant, String orderNumber, LocalDate promised) {
        Order order = new Order(merchant, orderNumber, new Customer("Ada", "ada@example.com", null,
                "America/New_York", "en-US"), List.of(), promised, Instant.parse("2026-11-16T14:00:00Z"), "hash");
        table.orders().create(order, List.of(), null);
        Map<String, AttributeValue> orderItem = events(dynamoLocal.client().getItem(b -> b.tableName("TrackingTable")
                .key(Map.of("pk", s("ORDER#" + merchant + "#" + orderNumber), "sk", s("ORDER")))).item());
        Map<String, AttributeValue> created = shipment(merchant, orderNumber, "PENDING", "1", null, null);
        Map<String, AttributeValue> moving = shipment(merchant, orderNumber, "IN_TRANSIT", "2",
                "2026-11-16T22:42:00Z", null);
        Map<String, AttributeValue> delivered = shipment(merchant, orderNumber, "DELIVERED", "3",
                "2026-11-16T22:42:00Z", "2026-11-20T22:23:00Z");
        Map<String, AttributeValue> claimed = new HashMap<>(Map.of("pk", ev("NOTIFY#" + merchant + "#abc"),
                "sk", ev("LEDGER#def"), "entityType", ev("NOTIFICATION"), "state", ev("CLAIMED"),
                "merchantId", ev(merchant), "orderNumber", ev(orderNumber), "channel", ev("EMAIL"),
                "milestone", ev("DELIVERED")));
        Map<String, AttributeValue> sent = new HashMap<>(claimed);
        sent.put("state", ev("SENT"));
        sent.put("sentAt", ev("2026-11-20T22:30:00Z"));
        return List.of(record("INSERT", null, orderItem), record("INSERT", null, created),
                record("MODIFY", created, moving), record("MODIFY", moving, delivered), record("MODIFY", claimed, sent));
    }

    static Map<String, AttributeValue> shipment(String merchant, String orderNumber, String status, String version,
                                               String pickedUpAt, String deliveredAt) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("pk", ev("ORDER#" + merchant + "#" + orderNumber));
        m.put("sk", ev("SHIPMENT#shp_" + orderNumber));
        m.put("entityType", ev("SHIPMENT"));
        m.put("merchantId", ev(merchant));
        m.put("orderNumber", ev(orderNumber));
        m.put("shipmentId", ev("shp_" + orderNumber));
        m.put("carrier", ev("ups"));
        m.put("trackingNumber", ev("1Z8V4E27030004411"));
        m.put("trackingToken", ev("tok_" + orderNumber));
        m.put("status", ev(status));
        m.put("reason", ev("NONE"));
        m.put("delayed", new AttributeValue().withBOOL(false));
        m.put("stalled", new AttributeValue().withBOOL(false));
        m.put("active", new AttributeValue().withBOOL(true));
        m.put("version", new AttributeValue().withN(version));
        m.put("createdAt", ev("2026-11-16T15:00:00Z"));
        if (pickedUpAt != null) {
            m.put("pickedUpAt", ev(pickedUpAt));
            m.put("lastScanAt", ev(deliveredAt != null ? deliveredAt : pickedUpAt));
            m.put("lastEventAt", ev(deliveredAt != null ? deliveredAt : pickedUpAt));
            m.put("service", ev("003"));
            m.put("originRegion", ev("US-NY"));
            m.put("destinationRegion", ev("US-CA"));
            m.put("firstEstimate", ev("2026-11-19"));
            m.put("toldDate", ev("2026-11-19"));
        }
        return m;
    }

    static DynamodbEvent.DynamodbStreamRecord record(String name, Map<String, AttributeValue> before,
                                                     Map<String, AttributeValue> after) {
        StreamRecord sr = new StreamRecord();
        sr.setKeys(Map.of("pk", after.get("pk"), "sk", after.get("sk")));
        sr.setOldImage(before);
        sr.setNewImage(after);
        DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
        r.setEventName(name);
        r.setDynamodb(sr);
        return r;
    }

    static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent e = new DynamodbEvent();
        e.setRecords(new ArrayList<>(records));
        return e;
    }

    static AttributeValue ev(String text) {
        return new AttributeValue().withS(text);
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String text) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(text);
    }

    static Map<String, AttributeValue> events(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> {
            AttributeValue a = new AttributeValue();
            if (v.s() != null) {
                a.setS(v.s());
            } else if (v.n() != null) {
                a.setN(v.n());
            } else if (v.bool() != null) {
                a.setBOOL(v.bool());
            } else if (v.hasSs()) {
                a.setSS(v.ss());
            } else {
                return;
            }
            out.put(k, a);
        });
        return out;
    }
}
