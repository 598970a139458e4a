package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.functions.ordersapi.ApiHarness.Merchant;
import io.ordertracker.functions.ordersapi.ApiHarness.Response;
import io.ordertracker.storage.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** PATCH, cancel, the order list and the lookup by parcel, through the authorizer, checked against the spec. */
class OrderLifeIT {
    private final ApiHarness api = new ApiHarness();
    private final Merchant shop = api.newMerchant("Life Shop");
    private final Merchant other = api.newMerchant("Other Shop");

    private static String order(String number, String... shipments) {
        return OrdersApiIT.order(number, shipments);
    }

    @Test
    void patchChangesOnlyWhatItNamesAndRemovesNulls() {
        api.post(shop.apiKey(), order("P-1", "ups", "1Z5R89390357567127"));
        Response r = api.patch(shop.apiKey(), "P-1", """
                {"customer":{"email":"grace@example.com","phone":null},"promisedDeliveryDate":"2026-12-01"}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode customer = r.json().path("customer");
        assertThat(customer.path("email").asText()).isEqualTo("grace@example.com");
        assertThat(customer.has("phone")).isFalse();
        assertThat(customer.path("name").asText()).isEqualTo("Ada");
        assertThat(customer.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(r.json().path("promisedDeliveryDate").asText()).isEqualTo("2026-12-01");
        assertThat(r.json().path("items").get(0).path("name").asText()).isEqualTo("Mug");
        assertThat(r.json().path("updatedAt").asText()).isNotBlank();
        assertThat(r.json().path("shipments")).hasSize(1);
        assertThat(api.get(shop.apiKey(), "P-1").json().path("customer").path("email").asText()).isEqualTo("grace@example.com");

        // plain JSON is taken as a merge patch too
        Response asJson = api.call(shop.apiKey(), "edit", "PATCH /v1/orders/{orderNumber}", Map.of("orderNumber", "P-1"),
                null, "{\"customer\":{\"name\":\"Grace\"}}", Map.of("content-type", "application/json"));
        assertThat(asJson.json().path("customer").path("name").asText()).isEqualTo("Grace");
        Response noDate = api.patch(shop.apiKey(), "P-1", "{\"promisedDeliveryDate\":null,\"items\":[{\"name\":\"Cup\",\"quantity\":3}]}");
        assertThat(noDate.json().has("promisedDeliveryDate")).isFalse();
        assertThat(noDate.json().path("items")).hasSize(1);
        assertThat(noDate.json().path("items").get(0).path("quantity").asInt()).isEqualTo(3);
    }

    @Test
    void patchValidatesLikeACreateAndNamesTheField() {
        api.post(shop.apiKey(), order("P-2"));
        int before = ApiHarness.itemCount();
        Response badEmail = api.patch(shop.apiKey(), "P-2", "{\"customer\":{\"email\":\"not-an-email\"}}");
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.json().path("field").asText()).isEqualTo("customer.email");
        Response noContact = api.patch(shop.apiKey(), "P-2", "{\"customer\":{\"email\":null,\"phone\":null}}");
        assertThat(noContact.status()).isEqualTo(422);
        assertThat(noContact.json().path("field").asText()).isEqualTo("customer.email");
        Response renumber = api.patch(shop.apiKey(), "P-2", "{\"orderNumber\":\"P-3\"}");
        assertThat(renumber.status()).isEqualTo(422);
        assertThat(renumber.json().path("field").asText()).isEqualTo("orderNumber");
        assertThat(api.patch(shop.apiKey(), "P-404", "{\"customer\":{\"name\":\"X\"}}").status()).isEqualTo(404);
        Response plainText = api.call(shop.apiKey(), "edit", "PATCH /v1/orders/{orderNumber}", Map.of("orderNumber", "P-2"),
                null, "{\"customer\":{\"name\":\"X\"}}", Map.of("content-type", "text/plain"));
        assertThat(plainText.status()).isEqualTo(415);
        assertThat(plainText.json().path("field").asText()).isEqualTo("Content-Type");
        assertThat(ApiHarness.itemCount()).isEqualTo(before);
        assertThat(api.get(shop.apiKey(), "P-2").json().has("updatedAt")).isFalse();
    }

    @Test
    void theOriginalCreateStillReplaysAfterAPatchAndAnswersTheEditedOrder() {
        api.post(shop.apiKey(), order("P-4", "dhl", "1234567890"));
        api.patch(shop.apiKey(), "P-4", "{\"customer\":{\"name\":\"Grace\"}}");
        Response replay = api.post(shop.apiKey(), order("P-4", "dhl", "1234567890"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().path("customer").path("name").asText()).isEqualTo("Grace");
        // a create carrying the edited content is a different request than the one that created the order
        assertThat(api.post(shop.apiKey(), order("P-4", "dhl", "1234567890").replace("\"Ada\"", "\"Grace\"")).status())
                .isEqualTo(409);
    }

    @Test
    void cancelEndsEveryParcelAndIsIdempotent() {
        api.post(shop.apiKey(), order("C-1", "ups", "1Z5R89390357567127", "fedex", "123456789012"));
        String deliveredId = api.get(shop.apiKey(), "C-1").json().path("shipments").get(1).path("shipmentId").asText();
        setShipment(shop, "C-1", deliveredId, Map.of("status", AttributeValue.fromS("DELIVERED")));

        Response first = api.cancel(shop.apiKey(), "C-1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("cancelledAt").asText()).isNotBlank();
        JsonNode shipments = first.json().path("shipments");
        assertThat(shipments).allSatisfy(s -> assertThat(s.path("tracking").asBoolean()).isFalse());
        assertThat(shipments).anySatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("CANCELLED"));
        assertThat(shipments).anySatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("DELIVERED"));
        Map<String, AttributeValue> shipmentItem = ApiHarness.CLIENT.query(b -> b.tableName(ApiHarness.TABLE)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS(Keys.orderPk(shop.merchantId(), "C-1"))))).items()
                .stream().filter(i -> i.get("sk").s().startsWith("SHIPMENT#")).findFirst().orElseThrow();
        assertThat(shipmentItem).doesNotContainKeys("pollShard", "nextPollAt");

        Response second = api.cancel(shop.apiKey(), "C-1");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(api.addShipment(shop.apiKey(), "C-1", "{\"carrier\":\"dhl\",\"trackingNumber\":\"1234567890\"}").status())
                .isEqualTo(409);
        assertThat(api.cancel(shop.apiKey(), "C-404").status()).isEqualTo(404);
    }

    @Test
    void listIsNewestFirstAndPagesWithAnOpaqueCursor() {
        for (int i = 1; i <= 5; i++) {
            assertThat(api.post(shop.apiKey(), order("L-" + i)).status()).isEqualTo(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> q = new HashMap<>(Map.of("limit", "2"));
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            Response page = api.list(shop.apiKey(), q);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("orders").size()).isLessThanOrEqualTo(2);
            page.json().path("orders").forEach(o -> seen.add(o.path("orderNumber").asText()));
            cursor = page.json().path("nextCursor").isTextual() ? page.json().path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly("L-5", "L-4", "L-3", "L-2", "L-1");
        assertThat(pages).isEqualTo(3);
        assertThat(api.list(other.apiKey(), Map.of()).json().path("orders")).isEmpty();
    }

    @Test
    void listFiltersOnTheParcels() {
        api.post(shop.apiKey(), order("F-1", "ups", "1Z5R89390357567127"));
        api.post(shop.apiKey(), order("F-2", "fedex", "123456789012"));
        api.post(shop.apiKey(), order("F-3", "dhl", "1234567890"));
        String f1 = api.get(shop.apiKey(), "F-1").json().path("shipments").get(0).path("shipmentId").asText();
        String f2 = api.get(shop.apiKey(), "F-2").json().path("shipments").get(0).path("shipmentId").asText();
        setShipment(shop, "F-1", f1, Map.of("status", AttributeValue.fromS("IN_TRANSIT"),
                "delayed", AttributeValue.fromBool(true)));
        setShipment(shop, "F-2", f2, Map.of("status", AttributeValue.fromS("EXCEPTION"),
                "reason", AttributeValue.fromS("ADDRESS_ISSUE")));

        assertThat(numbers(Map.of("status", "IN_TRANSIT"))).containsExactly("F-1");
        assertThat(numbers(Map.of("delayed", "true"))).containsExactly("F-1");
        assertThat(numbers(Map.of("delayed", "false"))).containsExactly("F-3", "F-2");
        assertThat(numbers(Map.of("hasException", "true"))).containsExactly("F-2");
        assertThat(numbers(Map.of("carrier", "dhl"))).containsExactly("F-3");
        assertThat(numbers(Map.of("createdSince", "2100-01-01T00:00:00Z"))).isEmpty();
        assertThat(numbers(Map.of("createdSince", "2000-01-01T00:00:00Z"))).containsExactly("F-3", "F-2", "F-1");
        api.patch(shop.apiKey(), "F-3", "{\"customer\":{\"name\":\"Later\"}}");
        String since = api.get(shop.apiKey(), "F-3").json().path("updatedAt").asText();
        assertThat(numbers(Map.of("updatedSince", since))).containsExactly("F-3");
    }

    @Test
    void findsTheOrderByItsParcelButNeverAnotherMerchants() {
        api.post(shop.apiKey(), order("T-1", "ups", "1Z5R89390357567127"));
        api.post(other.apiKey(), order("T-OTHER", "ups", "1Z5R89390357567127"));
        Response mine = api.findByParcel(shop.apiKey(), "ups", "1z5r 8939 0357 5671 27");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("orders")).hasSize(1);
        assertThat(mine.json().path("orders").get(0).path("orderNumber").asText()).isEqualTo("T-1");
        Response theirs = api.findByParcel(other.apiKey(), "ups", "1Z5R89390357567127");
        assertThat(theirs.json().path("orders").get(0).path("orderNumber").asText()).isEqualTo("T-OTHER");
        Merchant third = api.newMerchant("Third Shop");
        Response none = api.findByParcel(third.apiKey(), "ups", "1Z5R89390357567127");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body()).doesNotContain("T-1").doesNotContain("T-OTHER");
    }

    @Test
    void anotherMerchantCanNeitherReadNorChangeNorCancelNorListAnOrder() {
        api.post(shop.apiKey(), order("X-1", "ups", "1Z5R89390357567127"));
        String shopCursor = cursorOf(shop);
        int before = ApiHarness.itemCount();
        assertThat(api.patch(other.apiKey(), "X-1", "{\"customer\":{\"email\":\"evil@example.com\"}}").status()).isEqualTo(404);
        assertThat(api.cancel(other.apiKey(), "X-1").status()).isEqualTo(404);
        assertThat(api.list(other.apiKey(), Map.of()).json().path("orders")).isEmpty();
        Response stolen = api.list(other.apiKey(), Map.of("cursor", shopCursor));
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.json().path("field").asText()).isEqualTo("cursor");
        assertThat(ApiHarness.itemCount()).isEqualTo(before);
        JsonNode mine = api.get(shop.apiKey(), "X-1").json();
        assertThat(mine.path("customer").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(mine.has("cancelledAt")).isFalse();
    }

    @Test
    void anOrderHoldsAtMostFiftyParcels() {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            args.add("dhl");
            args.add(String.format("%010d", 1000000000L + i));
        }
        assertThat(api.post(shop.apiKey(), order("M-1", args.toArray(String[]::new))).status()).isEqualTo(201);
        args.add("dhl");
        args.add("2000000000");
        Response tooMany = api.post(shop.apiKey(), order("M-2", args.toArray(String[]::new)));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().path("field").asText()).isEqualTo("shipments");
        for (int i = 20; i < 50; i++) {
            assertThat(api.addShipment(shop.apiKey(), "M-1", "{\"carrier\":\"dhl\",\"trackingNumber\":\"%010d\"}"
                    .formatted(1000000000L + i)).status()).isEqualTo(201);
        }
        int before = ApiHarness.itemCount();
        Response fiftyFirst = api.addShipment(shop.apiKey(), "M-1", "{\"carrier\":\"dhl\",\"trackingNumber\":\"3000000000\"}");
        assertThat(fiftyFirst.status()).isEqualTo(422);
        assertThat(fiftyFirst.json().path("field").asText()).isEqualTo("shipments");
        assertThat(ApiHarness.itemCount()).isEqualTo(before);
        // one already on the order is still answered as such
        assertThat(api.addShipment(shop.apiKey(), "M-1", "{\"carrier\":\"dhl\",\"trackingNumber\":\"1000000000\"}").status())
                .isEqualTo(200);
    }

    private String cursorOf(Merchant merchant) {
        api.post(merchant.apiKey(), order("X-2"));
        Response page = api.list(merchant.apiKey(), Map.of("limit", "1"));
        return page.json().path("nextCursor").asText();
    }

    private List<String> numbers(Map<String, String> query) {
        Response r = api.list(shop.apiKey(), query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("orders").forEach(o -> out.add(o.path("orderNumber").asText()));
        return out;
    }

    /** What the tracking worker would write: the carrier's news on the shipment item. */
    private static void setShipment(Merchant merchant, String orderNumber, String shipmentId, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> v = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        StringBuilder update = new StringBuilder("SET version = version + :one");
        v.put(":one", AttributeValue.fromN("1"));
        values.forEach((k, val) -> {
            names.put("#" + k, k);
            v.put(":" + k, val);
            update.append(", #").append(k).append(" = :").append(k);
        });
        ApiHarness.CLIENT.updateItem(b -> b.tableName(ApiHarness.TABLE)
                .key(Map.of("pk", AttributeValue.fromS(Keys.orderPk(merchant.merchantId(), orderNumber)),
                        "sk", AttributeValue.fromS(Keys.shipmentSk(shipmentId))))
                .updateExpression(update.toString()).expressionAttributeNames(names).expressionAttributeValues(v));
    }
}
