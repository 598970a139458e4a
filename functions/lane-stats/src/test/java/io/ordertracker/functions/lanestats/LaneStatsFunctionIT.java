package io.ordertracker.functions.lanestats;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.lanes.Lane;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.domain.lanes.LaneDefaults;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbLaneStats;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The function on DynamoDB Local with the sample stream event events/LaneStatsFunction.json. */
class LaneStatsFunctionIT {
    static DynamoDbLocal dynamoLocal;
    static DynamoDbLaneStats stats;
    static LaneStatsFunction function;

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamoLocal.client());
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T23:00:00Z"), ZoneOffset.UTC);
        stats = new DynamoDbLaneStats(dynamoLocal.client(), "TrackingTable", clock);
        function = new LaneStatsFunction(new LaneBaselines(stats, LaneDefaults.load(), clock, Duration.ZERO));
    }

    @AfterAll
    static void stop() {
        dynamoLocal.close();
    }

    @Test
    void aDeliveryIsCountedOnItsLaneOnceEvenWhenTheStreamDeliversTheRecordAgain() throws Exception {
        DynamodbEvent event = sample("LaneStatsFunction.json");
        Lane lane = new Lane(Carrier.UPS, "003", "US-NY", "US-CA");

        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();

        long[] counts = stats.histogram(lane).orElseThrow().counts();
        // picked up 16 Nov 22:42Z, delivered 20 Nov 22:23Z: 4 days
        assertThat(counts[4]).isEqualTo(1);
        assertThat(stats.histogram(lane).orElseThrow().total()).isEqualTo(1);
    }

    @Test
    void aShipmentThatWasAlreadyDeliveredIsNotCountedAgainOnALaterWrite() throws Exception {
        DynamodbEvent event = sample("LaneStatsFunction.json");
        StreamRecord r = event.getRecords().get(0).getDynamodb();
        Map<String, AttributeValue> old = new HashMap<>(r.getNewImage());
        old.put("shipmentId", new AttributeValue().withS("shp_other"));
        Map<String, AttributeValue> later = new HashMap<>(old);
        later.put("version", new AttributeValue().withN("8"));
        r.setOldImage(old);
        r.setNewImage(later);
        Lane lane = new Lane(Carrier.UPS, "003", "US-NY", "US-CA");
        long before = stats.histogram(lane).map(h -> h.total()).orElse(0L);

        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();

        assertThat(stats.histogram(lane).map(h -> h.total()).orElse(0L)).isEqualTo(before);
    }

    static DynamodbEvent sample(String name) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(
                SamTemplate.locate().getParent().resolve("events").resolve(name)));
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (JsonNode r : root.path("Records")) {
            JsonNode d = r.path("dynamodb");
            StreamRecord sr = new StreamRecord();
            sr.setKeys(image(d.path("Keys")));
            sr.setNewImage(image(d.path("NewImage")));
            sr.setOldImage(image(d.path("OldImage")));
            sr.setSequenceNumber(d.path("SequenceNumber").asText());
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName(r.path("eventName").asText());
            record.setDynamodb(sr);
            records.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    static Map<String, AttributeValue> image(JsonNode node) {
        Map<String, AttributeValue> out = new HashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            AttributeValue a = new AttributeValue();
            if (v.has("S")) {
                a.setS(v.get("S").asText());
            } else if (v.has("N")) {
                a.setN(v.get("N").asText());
            } else if (v.has("BOOL")) {
                a.setBOOL(v.get("BOOL").asBoolean());
            }
            out.put(e.getKey(), a);
        });
        return out;
    }
}
