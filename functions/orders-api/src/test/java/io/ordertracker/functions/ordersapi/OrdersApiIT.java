package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.functions.ordersapi.ApiHarness.Merchant;
import io.ordertracker.functions.ordersapi.ApiHarness.Response;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrdersApiIT {
    private final ApiHarness api = new ApiHarness();
    private final Merchant shop = api.newMerchant("Shop A");

    static String order(String number, String... shipments) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shipments.length; i += 2) {
            s.append(i == 0 ? "" : ",").append("{\"carrier\":\"").append(shipments[i])
                    .append("\",\"trackingNumber\":\"").append(shipments[i + 1]).append("\"}");
        }
        return """
                {"orderNumber":"%s","customer":{"name":"Ada","email":"ada@example.com","phone":"+15555550123",
                "timeZone":"America/New_York","locale":"en-US"},"items":[{"name":"Mug","quantity":1}],
                "promisedDeliveryDate":"2026-11-25","shipments":[%s]}""".formatted(number, s);
    }

    @Test
    void createsAnOrderWithItsShipmentsAndUnguessableTrackingLinks() {
        Response r = api.post(shop.apiKey(), order("1001", "ups", "1Z5R89390357567127", "fedex", "123456789012"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Location")).isEqualTo("/v1/orders/1001");
        JsonNode body = r.json();
        assertThat(body.path("orderNumber").asText()).isEqualTo("1001");
        assertThat(body.path("customer").path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(body.path("shipments")).hasSize(2);
        Set<String> tokens = new HashSet<>();
        for (JsonNode s : body.path("shipments")) {
            String url = s.path("trackingUrl").asText();
            assertThat(url).startsWith("https://track.example.com/t/");
            String token = url.substring(url.lastIndexOf('/') + 1);
            assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
            tokens.add(token);
            assertThat(s.path("status").asText()).isEqualTo("PENDING");
            assertThat(s.path("tracking").asBoolean()).isTrue();
        }
        assertThat(tokens).hasSize(2);
        assertThat(body.path("shipments")).anySatisfy(s -> {
            assertThat(s.path("carrier").asText()).isEqualTo("ups");
            assertThat(s.path("carrierTrackingUrl").asText()).endsWith("1Z5R89390357567127");
        });
    }

    @Test
    void readsTheOrderBack() {
        api.post(shop.apiKey(), order("2001", "usps", "9400100000000000000001"));
        Response r = api.get(shop.apiKey(), "2001");
        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.json().path("shipments").get(0);
        assertThat(s.path("carrier").asText()).isEqualTo("usps");
        assertThat(s.path("delayed").asBoolean()).isFalse();
        assertThat(s.path("stalled").asBoolean()).isFalse();
        assertThat(s.path("events")).isEmpty();
        assertThat(r.json().path("promisedDeliveryDate").asText()).isEqualTo("2026-11-25");
    }

    @Test
    void replayingTheSameOrderReturnsTheStoredOneAndWritesNothing() {
        Response first = api.post(shop.apiKey(), order("3001", "dhl", "1234567890"));
        int items = ApiHarness.itemCount();
        // Same content, different whitespace and key order: still the same request.
        Response again = api.post(shop.apiKey(), """
                {"customer":{"locale":"en-US","timeZone":"America/New_York","phone":"+15555550123","email":"ada@example.com","name":"Ada"},
                 "orderNumber":"3001","items":[{"quantity":1,"name":"Mug"}],"promisedDeliveryDate":"2026-11-25",
                 "shipments":[{"trackingNumber":"1234567890","carrier":"dhl"}]}""");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("shipments").get(0).path("trackingUrl"))
                .isEqualTo(first.json().path("shipments").get(0).path("trackingUrl"));
        assertThat(ApiHarness.itemCount()).isEqualTo(items);
    }

    @Test
    void sameOrderNumberWithDifferentContentIsRefused() {
        api.post(shop.apiKey(), order("4001", "dhl", "1234567890"));
        int items = ApiHarness.itemCount();
        Response conflict = api.post(shop.apiKey(), order("4001", "dhl", "9876543210"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(conflict.json().path("field").asText()).isEqualTo("orderNumber");
        assertThat(ApiHarness.itemCount()).isEqualTo(items);
        assertThat(api.get(shop.apiKey(), "4001").json().path("shipments").get(0).path("trackingNumber").asText())
                .isEqualTo("1234567890");
    }

    @Test
    void idempotencyKeyReplaysAndRefusesADifferentBody() {
        String key = UUID.randomUUID().toString();
        Response first = api.post(shop.apiKey(), order("5001"), Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        Response replay = api.post(shop.apiKey(), order("5001"), Map.of("Idempotency-Key", key));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().path("orderNumber").asText()).isEqualTo("5001");
        int items = ApiHarness.itemCount();
        Response reused = api.post(shop.apiKey(), order("5002"), Map.of("Idempotency-Key", key));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(api.get(shop.apiKey(), "5002").status()).isEqualTo(404);
        assertThat(ApiHarness.itemCount()).isEqualTo(items);
    }

    @Test
    void anotherMerchantsOrderIsA404AndTheirOwnNumberSpaceIsSeparate() {
        Merchant other = api.newMerchant("Shop B");
        api.post(shop.apiKey(), order("6001", "ups", "1Z5R89390357567127"));
        Response peek = api.get(other.apiKey(), "6001");
        assertThat(peek.status()).isEqualTo(404);
        assertThat(peek.body()).doesNotContain("ada@example.com");
        assertThat(api.addShipment(other.apiKey(), "6001", "{\"carrier\":\"dhl\",\"trackingNumber\":\"1234567890\"}").status())
                .isEqualTo(404);
        String shipmentId = api.get(shop.apiKey(), "6001").json().path("shipments").get(0).path("shipmentId").asText();
        assertThat(api.stopTracking(other.apiKey(), "6001", shipmentId).status()).isEqualTo(404);
        // The other merchant may use the same order number for its own order.
        assertThat(api.post(other.apiKey(), order("6001", "dhl", "1234567890")).status()).isEqualTo(201);
        assertThat(api.get(shop.apiKey(), "6001").json().path("shipments").get(0).path("carrier").asText()).isEqualTo("ups");
        assertThat(api.get(shop.apiKey(), "6001").json().path("shipments").get(0).path("tracking").asBoolean()).isTrue();
    }

    @Test
    void multiParcelOrdersGrowAndParcelsCanStopBeingTracked() {
        api.post(shop.apiKey(), order("7001", "ups", "1Z5R89390357567127"));
        Response added = api.addShipment(shop.apiKey(), "7001", "{\"carrier\":\"fedex\",\"trackingNumber\":\"123456789012\"}");
        assertThat(added.status()).isEqualTo(201);
        Response again = api.addShipment(shop.apiKey(), "7001", "{\"carrier\":\"fedex\",\"trackingNumber\":\"1234 5678 9012\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("shipmentId")).isEqualTo(added.json().path("shipmentId"));
        assertThat(api.get(shop.apiKey(), "7001").json().path("shipments")).hasSize(2);

        String id = added.json().path("shipmentId").asText();
        Response stopped = api.stopTracking(shop.apiKey(), "7001", id);
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("tracking").asBoolean()).isFalse();
        JsonNode shipments = api.get(shop.apiKey(), "7001").json().path("shipments");
        assertThat(shipments).anySatisfy(s -> {
            assertThat(s.path("shipmentId").asText()).isEqualTo(id);
            assertThat(s.path("tracking").asBoolean()).isFalse();
        });
        assertThat(api.addShipment(shop.apiKey(), "7999", "{\"carrier\":\"fedex\",\"trackingNumber\":\"123456789012\"}").status())
                .isEqualTo(404);
    }

    @Test
    void anErasedOrderIsGoneForItsMerchantAndUntouchableByAnother() {
        Merchant other = api.newMerchant("Shop E");
        Response created = api.post(shop.apiKey(), order("ERASE-1", "ups", "1Z5R89390357567127"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.status()).isEqualTo(201);

        Response foreign = api.erase(other.apiKey(), "ERASE-1");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("field").asText()).isEqualTo("orderNumber");
        assertThat(api.get(shop.apiKey(), "ERASE-1").status()).as("another merchant erased nothing").isEqualTo(200);

        Response erased = api.erase(shop.apiKey(), "ERASE-1");
        assertThat(erased.status()).isEqualTo(204);
        assertThat(erased.body()).isNull();
        assertThat(api.get(shop.apiKey(), "ERASE-1").status()).isEqualTo(404);
        assertThat(ApiHarness.CLIENT.scan(b -> b.tableName(ApiHarness.TABLE)).items())
                .as("no item names the erased order").noneMatch(item -> item.toString().contains("ERASE-1"));

        Response again = api.erase(shop.apiKey(), "ERASE-1");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(again.json().path("field").asText()).isEqualTo("orderNumber");
        assertThat(api.erase(shop.apiKey(), "not a valid number!").status()).isEqualTo(404);
        assertThat(api.erase(null, "ERASE-1").status()).isEqualTo(401);
    }

    @Test
    void requestsWithoutAValidKeyNeverReachTheOrders() {
        assertThat(api.post(null, order("8001")).status()).isEqualTo(401);
        assertThat(api.post("otk_bogus_" + "x".repeat(40), order("8001")).status()).isEqualTo(403);
        Merchant revoked = api.newMerchant("Shop C");
        assertThat(api.post(revoked.apiKey(), order("8002")).status()).isEqualTo(201);
        assertThat(api.admin.revokeKey(revoked.merchantId(), revoked.keyId())).isTrue();
        assertThat(api.get(revoked.apiKey(), "8002").status()).isEqualTo(403);
    }

    @Test
    void merchantSuppliedMarkupIsStoredVerbatimAndReturnedAsData() {
        String body = """
                {"orderNumber":"9001","customer":{"name":"<script>alert(1)</script>","email":"ada@example.com"},
                 "items":[{"name":"\\"><img src=x onerror=alert(1)>","quantity":2}]}""";
        Response r = api.post(shop.apiKey(), body);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.json().path("customer").path("name").asText()).isEqualTo("<script>alert(1)</script>");
        assertThat(r.json().path("customer").path("timeZone").asText()).isEqualTo("UTC");
    }
}
