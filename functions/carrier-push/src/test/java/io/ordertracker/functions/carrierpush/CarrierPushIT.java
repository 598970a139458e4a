package io.ordertracker.functions.carrierpush;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.domain.polling.TrackingState;
import io.ordertracker.json.Json;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Pushes from the sample events (events/CarrierPushFunction-*.json) through the real write path on DynamoDB Local. */
class CarrierPushIT {
    static final Instant NOW = Instant.parse("2026-11-20T22:20:00Z");
    static final String SECRET = "{\"upsCredential\":\"sample-ups-credential\",\"fedexSecurityToken\":\"sample-fedex-security-token\"}";
    static DynamoDbLocal dynamoLocal;
    static DynamoDbShipmentTracker tracker;
    static DynamoDbOrderStore orders;
    static CarrierPushFunction function;

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        DynamoDbClient dynamo = dynamoLocal.client();
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo);
        tracker = new DynamoDbShipmentTracker(dynamo, "TrackingTable");
        orders = new DynamoDbOrderStore(dynamo, "TrackingTable");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        function = new CarrierPushFunction(new ObservationWriter(tracker,
                new TrackingProgress(new PollCadence(PollingSettings.defaults())), clock, (n, v) -> { }),
                new PushAuthenticator(() -> SECRET, clock));
    }

    @AfterAll
    static void stop() {
        dynamoLocal.close();
    }

    static JsonNode sample(String name) throws Exception {
        return Json.MAPPER.readTree(Files.readString(SamTemplate.locate().getParent().resolve("events/" + name)));
    }

    static APIGatewayV2HTTPEvent event(JsonNode sample, String body, Map<String, String> headerOverrides) {
        Map<String, String> headers = new HashMap<>();
        sample.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        headers.putAll(headerOverrides);
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRouteKey(sample.path("routeKey").asText());
        e.setHeaders(headers);
        e.setPathParameters(Map.of("carrier", sample.path("pathParameters").path("carrier").asText()));
        e.setBody(body == null ? sample.path("body").asText() : body);
        e.setIsBase64Encoded(false);
        return e;
    }

    static ShipmentRef order(Carrier carrier, String trackingNumber) {
        String number = "P-" + UUID.randomUUID();
        String id = "shp_" + UUID.randomUUID().toString().replace("-", "");
        Instant created = NOW.minus(Duration.ofDays(2));
        orders.create(new Order("m_push", number, new Customer("A", "a@example.com", null, "America/New_York", "en"),
                List.of(new OrderItem("x", 1, null)), LocalDate.parse("2026-11-20"), created, "h"),
                List.of(Shipment.newShipment("m_push", number, id, carrier, trackingNumber, "tok" + id, created)), null);
        return new ShipmentRef("m_push", number, id);
    }

    @Test
    void aUpsTrackAlertAdvancesTheShipmentOnceAndEndsItsPolling() throws Exception {
        JsonNode sample = sample("CarrierPushFunction-ups.json");
        String number = Json.MAPPER.readTree(sample.path("body").asText()).path("trackingNumber").asText();
        ShipmentRef ref = order(Carrier.UPS, number);

        APIGatewayV2HTTPResponse first = function.handleRequest(event(sample, null, Map.of()), null);
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(first.getBody()).contains("\"shipmentsUpdated\":1");
        TrackingState state = tracker.load(ref).orElseThrow();
        assertThat(state.shipment().status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(state.shipment().nextPollAt()).isNull();
        assertThat(state.pushSubscribed()).isTrue();
        assertThat(state.shipment().lastScanAt()).isEqualTo(Instant.parse("2026-11-20T22:14:00Z"));
        assertThat(tracker.events(ref.shipmentId())).hasSize(1);

        // UPS delivers at least once: the same alert again changes nothing
        assertThat(function.handleRequest(event(sample, null, Map.of()), null).getStatusCode()).isEqualTo(200);
        assertThat(tracker.events(ref.shipmentId())).hasSize(1);
        assertThat(tracker.load(ref).orElseThrow().shipment().status()).isEqualTo(ShipmentStatus.DELIVERED);
    }

    @Test
    void aWrongCredentialIsRefusedAndTouchesNothing() throws Exception {
        JsonNode sample = sample("CarrierPushFunction-ups.json");
        String body = sample.path("body").asText().replace("1Z8V4E270304414X", "1Z8V4E270304415X");
        ShipmentRef ref = order(Carrier.UPS, "1Z8V4E270304415X");
        TrackingState before = tracker.load(ref).orElseThrow();
        APIGatewayV2HTTPResponse r = function.handleRequest(event(sample, body, Map.of("credential", "guess")), null);
        assertThat(r.getStatusCode()).isEqualTo(401);
        assertThat(tracker.load(ref).orElseThrow()).isEqualTo(before);
    }

    @Test
    void aSignedFedexWebhookFeedsTheWritePathAndATamperedOneIsRefused() throws Exception {
        JsonNode sample = sample("CarrierPushFunction-fedex.json");
        ShipmentRef ref = order(Carrier.FEDEX, "794600052011");

        String tampered = sample.path("body").asText().replace("On FedEx vehicle", "Delivered, trust me");
        assertThat(function.handleRequest(event(sample, tampered, Map.of()), null).getStatusCode()).isEqualTo(401);
        assertThat(tracker.load(ref).orElseThrow().shipment().status()).isEqualTo(ShipmentStatus.PENDING);

        APIGatewayV2HTTPResponse r = function.handleRequest(event(sample, null, Map.of()), null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        TrackingState state = tracker.load(ref).orElseThrow();
        assertThat(state.shipment().status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        // push-fed: no routine polling, only the expiry check a month after the last scan
        assertThat(state.shipment().nextPollAt()).isAfter(NOW.plus(Duration.ofDays(25)));
    }

    @Test
    void unknownNumbersAreAcknowledgedAndUnknownCarriersAreNotFound() throws Exception {
        JsonNode sample = sample("CarrierPushFunction-ups.json");
        String body = sample.path("body").asText().replace("1Z8V4E270304414X", "1Z8V4E270309999X");
        APIGatewayV2HTTPResponse r = function.handleRequest(event(sample, body, Map.of()), null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getBody()).contains("\"shipmentsUpdated\":0");

        APIGatewayV2HTTPEvent usps = event(sample, null, Map.of());
        usps.setPathParameters(Map.of("carrier", "usps"));
        assertThat(function.handleRequest(usps, null).getStatusCode()).isEqualTo(404);
        assertThat(function.handleRequest(event(sample, "{\"nope\":true}", Map.of()), null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void aBadBase64BodyIsA400NamingTheBodyNotA500TheCarrierWouldRetry() throws Exception {
        JsonNode sample = sample("CarrierPushFunction-ups.json");
        String body = sample.path("body").asText().replace("1Z8V4E270304414X", "1Z8V4E270304416X");
        ShipmentRef ref = order(Carrier.UPS, "1Z8V4E270304416X");
        TrackingState before = tracker.load(ref).orElseThrow();

        APIGatewayV2HTTPEvent garbled = event(sample, "{not base64}", Map.of());
        garbled.setIsBase64Encoded(true);
        APIGatewayV2HTTPResponse r = function.handleRequest(garbled, null);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = Json.MAPPER.readTree(r.getBody());
        assertThat(problem.path("field").asText()).isEqualTo("body");
        assertThat(problem.path("detail").asText()).contains("base64");
        assertThat(tracker.load(ref).orElseThrow()).isEqualTo(before);

        // the same alert, properly base64-encoded, is decoded and applied
        APIGatewayV2HTTPEvent encoded = event(sample,
                Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)), Map.of());
        encoded.setIsBase64Encoded(true);
        APIGatewayV2HTTPResponse ok = function.handleRequest(encoded, null);
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(ok.getBody()).contains("\"shipmentsUpdated\":1");
        assertThat(tracker.load(ref).orElseThrow().shipment().status()).isEqualTo(ShipmentStatus.DELIVERED);
    }
}
