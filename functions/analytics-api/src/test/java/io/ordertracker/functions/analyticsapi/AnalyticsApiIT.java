package io.ordertracker.functions.analyticsapi;

import io.ordertracker.local.emulators.OpenApiContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.analytics.InquiryService;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.json.Json;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantFacts;
import io.ordertracker.storage.TrackingTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Inquiries and /v1/analytics on DynamoDB Local, every JSON answer checked against docs/openapi.yaml. */
class AnalyticsApiIT {
    static final Path ROOT = SamTemplate.locate().toAbsolutePath().getParent();
    static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();
    static final DynamoDbClient CLIENT = DYNAMO.client();
    static final OpenApiContract CONTRACT = new OpenApiContract(ROOT.resolve("docs/openapi.yaml"));
    static final Instant NOW = Instant.parse("2026-11-18T12:00:00Z");

    static {
        new LocalResources(SamTemplate.load(ROOT.resolve("template.yaml"))).createTables(CLIENT);
    }

    final TrackingTable table = new TrackingTable(CLIENT, "TrackingTable");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final DynamoDbMerchantFacts facts = table.merchantFacts(clock);
    final AnalyticsApiFunction api = new AnalyticsApiFunction(new InquiryService(table.orders(), facts, clock), facts,
            table.merchantRateLimiter(new MerchantRateLimiter.Limit(0, 0), clock));
    final String merchant = "m_" + UUID.randomUUID();

    record Answer(int status, JsonNode body, APIGatewayV2HTTPResponse raw) {
    }

    Answer call(String routeKey, String merchantId, Map<String, String> path, Map<String, String> query,
                Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(routeKey.split(" ", 2)[1]);
        event.setPathParameters(path);
        event.setQueryStringParameters(query);
        Map<String, String> h = new HashMap<>(headers);
        if (body != null) {
            h.putIfAbsent("content-type", "application/json");
        }
        event.setHeaders(h);
        event.setBody(body);
        APIGatewayV2HTTPEvent.RequestContext ctx = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer auth = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        auth.setLambda(Map.of("merchantId", merchantId));
        ctx.setAuthorizer(auth);
        event.setRequestContext(ctx);
        APIGatewayV2HTTPResponse r = api.handleRequest(event, null);
        String contentType = r.getHeaders() == null ? null : r.getHeaders().get("Content-Type");
        if (contentType != null && contentType.startsWith("text/csv")) {
            return new Answer(r.getStatusCode(), null, r);
        }
        JsonNode json = r.getBody() == null ? null : Json.read(r.getBody(), JsonNode.class);
        CONTRACT.assertConforms(routeKey, r.getStatusCode(), contentType, json);
        return new Answer(r.getStatusCode(), json, r);
    }

    Answer inquire(String orderNumber, String body, Map<String, String> headers) {
        return call("POST /v1/orders/{orderNumber}/inquiries", merchant, Map.of("orderNumber", orderNumber), null,
                headers, body);
    }

    Answer analytics(Map<String, String> query, Map<String, String> headers) {
        return call("GET /v1/analytics", merchant, null, query, headers, null);
    }

    void order(String orderNumber, ShipmentStatus status, ExceptionReason reason) {
        Order o = new Order(merchant, orderNumber, new Customer("Ada", "ada@example.com", null, "UTC", "en-US"),
                List.of(), null, NOW.minusSeconds(86_400), "h");
        Shipment s = new Shipment(merchant, orderNumber, "shp_" + orderNumber, Carrier.UPS, "1Z" + orderNumber,
                "tok" + UUID.randomUUID(), status, reason, null, false, false, null, null, null, true, NOW, NOW, 0);
        table.orders().create(o, List.of(s), null);
    }

    @Test
    void inquiriesAreCountedPer100OrdersByWhatTheShopperHadBeenTold() {
        order("Q-1", ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE);
        order("Q-2", ShipmentStatus.EXCEPTION, ExceptionReason.ADDRESS_ISSUE);

        Answer first = inquire("Q-1", "{\"channel\":\"email\",\"reason\":\"where-is-my-order\"}", Map.of("Idempotency-Key", "k1"));
        Answer replay = inquire("Q-1", "{\"channel\":\"email\",\"reason\":\"where-is-my-order\"}", Map.of("Idempotency-Key", "k1"));
        Answer trouble = inquire("Q-2", "{\"channel\":\"phone\",\"reason\":\"delivery-problem\"}", Map.of());

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("told").asText()).isEqualTo("nothing");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw().getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(replay.body().path("inquiryId").asText()).isEqualTo(first.body().path("inquiryId").asText());
        assertThat(trouble.body().path("told").asText()).isEqualTo("exception-notice");
        // the orders themselves are counted by the stream consumer, not here: none in this test
        Answer report = analytics(Map.of("from", "2026-11-18", "to", "2026-11-18"), Map.of());
        assertThat(report.status()).isEqualTo(200);
        JsonNode t = report.body().path("totals");
        assertThat(t.path("inquiries").asLong()).isEqualTo(2);
        assertThat(t.path("inquiriesByTold").path("nothing").asLong()).isEqualTo(1);
        assertThat(t.path("inquiriesByTold").path("exception-notice").asLong()).isEqualTo(1);
        assertThat(t.path("inquiriesByReason").path("where-is-my-order").asLong()).isEqualTo(1);
        assertThat(report.body().path("rows").get(0).path("key").asText()).isEqualTo("2026-11-18");
    }

    @Test
    void notificationOutcomesArePerChannelInTheContractAndInTheCsv() {
        java.time.LocalDate day = java.time.LocalDate.parse("2026-11-18");
        for (int i = 0; i < 4; i++) {
            facts.record(new io.ordertracker.domain.analytics.Fact(merchant, "SENT#e" + i, day,
                    List.of(io.ordertracker.domain.analytics.Fact.DAY), Map.of("messages", 1L, "sent_EMAIL_SHIPPED", 1L)));
        }
        facts.record(new io.ordertracker.domain.analytics.Fact(merchant, "OUTCOME#x", day,
                List.of(io.ordertracker.domain.analytics.Fact.DAY), Map.of("out_DELIVERED_EMAIL_SHIPPED", 3L,
                        "out_BOUNCED_PERMANENT_EMAIL_SHIPPED", 1L, "out_OPENED_EMAIL_SHIPPED", 2L,
                        "out_DELIVERED_SMS_OUT_FOR_DELIVERY", 1L)));

        // every answer is checked against docs/openapi.yaml (NotificationFigures) by call()
        JsonNode t = analytics(Map.of("from", "2026-11-18", "to", "2026-11-18"), Map.of()).body().path("totals");
        assertThat(t.path("notifications").path("EMAIL").path("delivered").asLong()).isEqualTo(3);
        assertThat(t.path("notifications").path("EMAIL").path("deliveryRate").asDouble()).isEqualTo(0.75);
        assertThat(t.path("notifications").path("EMAIL").path("openRate").asDouble()).isEqualTo(0.6667);
        assertThat(t.path("notifications").path("SMS").has("deliveryRate")).as("nothing sent: no rate").isFalse();
        JsonNode byMilestone = analytics(Map.of("from", "2026-11-18", "to", "2026-11-18", "groupBy", "milestone"),
                Map.of()).body().path("rows");
        assertThat(byMilestone).extracting(r -> r.path("key").asText()).contains("SHIPPED", "OUT_FOR_DELIVERY");

        Answer csv = analytics(Map.of("from", "2026-11-18", "to", "2026-11-18"), Map.of("accept", "text/csv"));
        String[] lines = csv.raw().getBody().split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        List<String> total = List.of(lines[1].split(",", -1));
        assertThat(total.get(header.indexOf("emailSent"))).isEqualTo("4");
        assertThat(total.get(header.indexOf("emailBounced"))).isEqualTo("1");
        assertThat(total.get(header.indexOf("emailDeliveryRate"))).isEqualTo("0.75");
        assertThat(total.get(header.indexOf("smsDelivered"))).isEqualTo("1");
        assertThat(total.get(header.indexOf("smsDeliveryRate"))).isEmpty();
    }

    @Test
    void badInquiriesNameTheField() {
        order("Q-3", ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE);
        assertThat(inquire("Q-3", "{\"channel\":\"fax\",\"reason\":\"return\"}", Map.of()).body().path("field").asText())
                .isEqualTo("channel");
        assertThat(inquire("Q-3", "{\"channel\":\"chat\"}", Map.of()).body().path("field").asText()).isEqualTo("reason");
        assertThat(inquire("Q-3", "{\"channel\":\"chat\",\"reason\":\"return\",\"x\":1}", Map.of()).body()
                .path("field").asText()).isEqualTo("x");
        assertThat(inquire("Q-3", "[1]", Map.of()).body().path("field").asText()).isEqualTo("body");
        Answer unknown = inquire("NOPE-1", "{\"channel\":\"chat\",\"reason\":\"return\"}", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("field").asText()).isEqualTo("orderNumber");
        // another merchant's order is not found either
        Answer other = call("POST /v1/orders/{orderNumber}/inquiries", "m_" + UUID.randomUUID(),
                Map.of("orderNumber", "Q-3"), null, Map.of(), "{\"channel\":\"chat\",\"reason\":\"return\"}");
        assertThat(other.status()).isEqualTo(404);
    }

    @Test
    void badPeriodsNameTheParameter() {
        assertThat(analytics(Map.of("to", "2026-11-18"), Map.of()).body().path("field").asText()).isEqualTo("from");
        assertThat(analytics(Map.of("from", "2026-11-18"), Map.of()).body().path("field").asText()).isEqualTo("to");
        assertThat(analytics(Map.of("from", "2026-11-18", "to", "2026-11-17"), Map.of()).body().path("field").asText())
                .isEqualTo("to");
        assertThat(analytics(Map.of("from", "2025-01-01", "to", "2026-11-17"), Map.of()).body().path("field").asText())
                .isEqualTo("to");
        assertThat(analytics(Map.of("from", "2026-02-30", "to", "2026-03-01"), Map.of()).status()).isEqualTo(400);
        assertThat(analytics(Map.of("from", "2026-11-01", "to", "2026-11-18", "groupBy", "week"), Map.of()).body()
                .path("field").asText()).isEqualTo("groupBy");
    }

    @Test
    void csvOnRequestWithTheTotalsFirst() {
        order("Q-4", ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE);
        inquire("Q-4", "{\"channel\":\"social\",\"reason\":\"other\"}", Map.of());
        Answer csv = analytics(Map.of("from", "2026-11-18", "to", "2026-11-18", "groupBy", "day"),
                Map.of("accept", "text/csv"));
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.raw().getBody().split("\r\n");
        assertThat(lines[0]).startsWith("key,orders,shipments,delivered,");
        int inquiries = List.of(lines[0].split(",")).indexOf("inquiries");
        assertThat(lines[1].split(",", -1)[0]).isEqualTo("total");
        assertThat(lines[1].split(",", -1)[inquiries]).isEqualTo("1");
        assertThat(lines[2].split(",", -1)[0]).isEqualTo("2026-11-18");
        assertThat(AnalyticsCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AnalyticsCsv.cell("-1.5")).isEqualTo("-1.5");
    }
}
