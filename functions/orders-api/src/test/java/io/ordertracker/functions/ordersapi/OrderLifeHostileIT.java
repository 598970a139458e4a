package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.functions.ordersapi.ApiHarness.Merchant;
import io.ordertracker.functions.ordersapi.ApiHarness.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests to PATCH, cancel, the list and the lookup by parcel: each a 4xx problem+json naming the field
 * (or parameter), and the table exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderLifeHostileIT {
    private static final String ORDER = "H-LIFE";
    private static final String[] INJECTIONS = {"' OR '1'='1", "\"; DROP TABLE orders; --", "${jndi:ldap://x/a}",
            "<script>alert(1)</script>", "{{7*7}}", "../../etc/passwd", "%00", "ORDER#m_other#1001"};

    private final ApiHarness api = new ApiHarness();
    private Merchant shop;

    enum Op { PATCH, CANCEL, LIST, LOOKUP }

    record Case(String name, Op op, String pathValue, String body, Map<String, String> query, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void existingOrder() {
        shop = api.newMerchant("Hostile Life Shop");
        assertThat(api.post(shop.apiKey(), OrdersApiIT.order(ORDER, "ups", "1Z5R89390357567127")).status()).isEqualTo(201);
    }

    static Stream<Case> corpus() {
        return cases().stream();
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // PATCH bodies
        patch(c, "empty body", "", 400, "body");
        patch(c, "not JSON", "{customer:", 400, "body");
        patch(c, "array body", "[]", 400, "body");
        patch(c, "string body", "\"x\"", 400, "body");
        patch(c, "orderNumber", "{\"orderNumber\":\"H-2\"}", 422, "orderNumber");
        patch(c, "shipments", "{\"shipments\":[]}", 422, "shipments");
        patch(c, "unknown field", "{\"merchantId\":\"m_other\"}", 422, "merchantId");
        patch(c, "unknown customer field", "{\"customer\":{\"address\":\"x\"}}", 422, "customer.address");
        patch(c, "customer number", "{\"customer\":5}", 422, "customer");
        patch(c, "customer removed", "{\"customer\":null}", 422, "customer");
        patch(c, "email number", "{\"customer\":{\"email\":5}}", 422, "customer.email");
        patch(c, "email empty", "{\"customer\":{\"email\":\"  \"}}", 422, "customer.email");
        patch(c, "email too long", "{\"customer\":{\"email\":\"" + "a".repeat(250) + "@example.com\"}}", 422, "customer.email");
        patch(c, "phone not E.164", "{\"customer\":{\"phone\":\"555-0123\"}}", 422, "customer.phone");
        patch(c, "time zone offset", "{\"customer\":{\"timeZone\":\"+02:00\"}}", 422, "customer.timeZone");
        patch(c, "locale", "{\"customer\":{\"locale\":\"english\"}}", 422, "customer.locale");
        patch(c, "name control", "{\"customer\":{\"name\":\"A\\u0000B\"}}", 422, "customer.name");
        patch(c, "name bidi", "{\"customer\":{\"name\":\"A\\u202eB\"}}", 422, "customer.name");
        patch(c, "name too long", "{\"customer\":{\"name\":\"" + "x".repeat(201) + "\"}}", 422, "customer.name");
        patch(c, "items object", "{\"items\":{}}", 422, "items");
        patch(c, "items too many", "{\"items\":[" + "{\"name\":\"x\"},".repeat(100) + "{\"name\":\"x\"}]}", 422, "items");
        patch(c, "item quantity zero", "{\"items\":[{\"name\":\"x\",\"quantity\":0}]}", 422, "items[0].quantity");
        patch(c, "item quantity text", "{\"items\":[{\"name\":\"x\",\"quantity\":\"1\"}]}", 422, "items[0].quantity");
        patch(c, "item without name", "{\"items\":[{\"quantity\":1}]}", 422, "items[0].name");
        patch(c, "date shape", "{\"promisedDeliveryDate\":\"25/11/2026\"}", 422, "promisedDeliveryDate");
        patch(c, "date impossible", "{\"promisedDeliveryDate\":\"2026-02-30\"}", 422, "promisedDeliveryDate");
        patch(c, "date number", "{\"promisedDeliveryDate\":20261125}", 422, "promisedDeliveryDate");
        for (int i = 0; i < INJECTIONS.length; i++) {
            String quoted = INJECTIONS[i].replace("\\", "\\\\").replace("\"", "\\\"");
            patch(c, "email injection " + i, "{\"customer\":{\"email\":\"" + quoted + "\"}}", 422, "customer.email");
            patch(c, "zone injection " + i, "{\"customer\":{\"timeZone\":\"" + quoted + "\"}}", 422, "customer.timeZone");
            c.add(new Case("patch path injection " + i, Op.PATCH, INJECTIONS[i], "{\"customer\":{\"name\":\"x\"}}", Map.of(), 404, "orderNumber"));
            c.add(new Case("cancel path injection " + i, Op.CANCEL, INJECTIONS[i], null, Map.of(), 404, "orderNumber"));
            c.add(new Case("lookup injection " + i, Op.LOOKUP, "ups/" + INJECTIONS[i], null, Map.of(), 404, "trackingNumber"));
            c.add(new Case("status injection " + i, Op.LIST, null, null, Map.of("status", INJECTIONS[i]), 400, "status"));
            c.add(new Case("carrier injection " + i, Op.LIST, null, null, Map.of("carrier", INJECTIONS[i]), 400, "carrier"));
        }
        c.add(new Case("cancel unknown order", Op.CANCEL, "H-NOPE", null, Map.of(), 404, "orderNumber"));
        c.add(new Case("cancel long order number", Op.CANCEL, "x".repeat(65), null, Map.of(), 404, "orderNumber"));
        // list parameters
        list(c, "status lower case", Map.of("status", "delivered"), "status");
        list(c, "hasException yes", Map.of("hasException", "yes"), "hasException");
        list(c, "delayed 1", Map.of("delayed", "1"), "delayed");
        list(c, "carrier unknown", Map.of("carrier", "royalmail"), "carrier");
        list(c, "createdSince date only", Map.of("createdSince", "2026-11-01"), "createdSince");
        list(c, "createdSince offset junk", Map.of("createdSince", "yesterday"), "createdSince");
        list(c, "updatedSince year 1970", Map.of("updatedSince", "1970-01-01T00:00:00Z"), "updatedSince");
        list(c, "limit zero", Map.of("limit", "0"), "limit");
        list(c, "limit 101", Map.of("limit", "101"), "limit");
        list(c, "limit negative", Map.of("limit", "-1"), "limit");
        list(c, "limit text", Map.of("limit", "ten"), "limit");
        list(c, "limit huge", Map.of("limit", "99999999999999999999"), "limit");
        list(c, "unknown parameter", Map.of("merchantId", "m_other"), "merchantId");
        list(c, "cursor garbage", Map.of("cursor", "!!!"), "cursor");
        list(c, "cursor not JSON", Map.of("cursor", b64("hello")), "cursor");
        list(c, "cursor JSON array", Map.of("cursor", b64("[1,2]")), "cursor");
        list(c, "cursor wrong version", Map.of("cursor", b64("{\"v\":2,\"m\":\"x\",\"t\":\"2026-01-01T00:00:00Z\",\"o\":\"1\"}")), "cursor");
        list(c, "cursor too long", Map.of("cursor", "A".repeat(600)), "cursor");
        list(c, "cursor other merchant", Map.of("cursor", b64("{\"v\":1,\"m\":\"m_0000000000000000\",\"t\":\"2026-01-01T00:00:00Z\",\"o\":\"1001\"}")), "cursor");
        // lookup path
        c.add(new Case("lookup unknown carrier", Op.LOOKUP, "royalmail/1Z5R89390357567127", null, Map.of(), 404, "carrier"));
        c.add(new Case("lookup bad check digit", Op.LOOKUP, "ups/1Z5R89390357567128", null, Map.of(), 404, "trackingNumber"));
        c.add(new Case("lookup too long", Op.LOOKUP, "dhl/" + "1".repeat(41), null, Map.of(), 404, "trackingNumber"));
        c.add(new Case("lookup nobody's parcel", Op.LOOKUP, "dhl/9999999999", null, Map.of(), 404, "trackingNumber"));
        return c;
    }

    private static void patch(List<Case> c, String name, String body, int status, String field) {
        c.add(new Case("patch " + name, Op.PATCH, ORDER, body, Map.of(), status, field));
    }

    private static void list(List<Case> c, String name, Map<String, String> query, String field) {
        c.add(new Case("list " + name, Op.LIST, null, null, query, 400, field));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void corpusCoversEveryNewOperationAndNamesAreUnique() {
        List<Case> all = cases();
        assertThat(all.stream().map(Case::op).distinct()).containsExactlyInAnyOrder(Op.values());
        assertThat(all.stream().map(Case::name).distinct().count()).isEqualTo(all.size());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void isRefusedWithAProblemNamingTheFieldAndWritesNothing(Case c) {
        int before = ApiHarness.itemCount();
        String beforeOrder = api.get(shop.apiKey(), ORDER).body();
        Response r = switch (c.op()) {
            case PATCH -> api.patch(shop.apiKey(), c.pathValue(), c.body());
            case CANCEL -> api.cancel(shop.apiKey(), c.pathValue());
            case LIST -> api.list(shop.apiKey(), c.query());
            case LOOKUP -> api.findByParcel(shop.apiKey(), c.pathValue().substring(0, c.pathValue().indexOf('/')),
                    c.pathValue().substring(c.pathValue().indexOf('/') + 1));
        };
        assertThat(r.status()).as(r.body()).isEqualTo(c.status());
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.json().path("field").asText()).as(r.body()).isEqualTo(c.field());
        assertThat(r.json().path("detail").asText()).isNotBlank();
        assertThat(ApiHarness.itemCount()).as("nothing written").isEqualTo(before);
        assertThat(api.get(shop.apiKey(), ORDER).body()).as("the order is unchanged").isEqualTo(beforeOrder);
    }
}
