package io.ordertracker.functions.shipmentexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.MotoServer;
import io.ordertracker.local.emulators.SamTemplate;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The export on moto's S3, fed the sample stream record events/ShipmentExportFunction.json (a parcel becoming
 * DELIVERED): one JSON line at shipments/dt=<delivery day>/<merchant>-<shipment>.json with the journey's facts and no
 * shopper data; the same record again rewrites the same object (still one); a write that is not a delivery exports
 * nothing.
 */
class ShipmentExportFunctionIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static MotoServer moto;
    static S3Client s3;
    static ShipmentExportFunction function;
    static final String BUCKET = "shipment-export-it";

    @BeforeAll
    static void start() {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        moto = MotoServer.start();
        s3 = LocalAws.configure(S3Client.builder().forcePathStyle(true), moto.endpoint()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        function = new ShipmentExportFunction(s3, BUCKET);
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    List<String> keys() {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("shipments/")).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void aDeliveredShipmentIsOneJsonLineUnderItsDeliveryDayAndARedeliveryRewritesTheSameObject() throws Exception {
        DynamodbEvent event = sample();

        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        String first = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("shipments/dt=2026-11-20/m_demo-shp_demo1.json"))
                .asUtf8String();
        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();

        assertThat(keys()).containsExactly("shipments/dt=2026-11-20/m_demo-shp_demo1.json");
        String again = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(keys().get(0))).asUtf8String();
        assertThat(again).isEqualTo(first).endsWith("\n").doesNotContain("\n{");
        JsonNode line = JSON.readTree(first);
        assertThat(line.path("merchantId").asText()).isEqualTo("m_demo");
        assertThat(line.path("carrier").asText()).isEqualTo("ups");
        assertThat(line.path("service").asText()).isEqualTo("003");
        assertThat(line.path("origin").asText()).isEqualTo("US-NY");
        assertThat(line.path("destination").asText()).isEqualTo("US-CA");
        assertThat(line.path("deliveredAt").asText()).isEqualTo("2026-11-20T22:23:00Z");
        // picked up 16 Nov 22:42Z, delivered 20 Nov 22:23Z: 4 days, as the lane baselines count them
        assertThat(line.path("transitDays").asInt()).isEqualTo(4);
        assertThat(first).doesNotContain("1Z8V4E27030004411", "A-1001", "tok_demo");
    }

    @Test
    void aWriteThatIsNotADeliveryExportsNothing() throws Exception {
        DynamodbEvent event = sample();
        StreamRecord r = event.getRecords().get(0).getDynamodb();
        Map<String, AttributeValue> moving = new HashMap<>(r.getNewImage());
        moving.put("status", new AttributeValue().withS("OUT_FOR_DELIVERY"));
        moving.put("shipmentId", new AttributeValue().withS("shp_moving"));
        moving.put("sk", new AttributeValue().withS("SHIPMENT#shp_moving"));
        r.setNewImage(moving);
        r.setOldImage(null);
        event.getRecords().get(0).setEventName("INSERT");

        assertThat(function.handleRequest(event, null).getBatchItemFailures()).isEmpty();

        assertThat(keys()).noneMatch(k -> k.contains("shp_moving"));
    }

    static DynamodbEvent sample() throws Exception {
        JsonNode root = JSON.readTree(Files.readString(
                SamTemplate.locate().getParent().resolve("events").resolve("ShipmentExportFunction.json")));
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
