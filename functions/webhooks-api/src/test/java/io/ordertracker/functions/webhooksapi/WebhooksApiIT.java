package io.ordertracker.functions.webhooksapi;

import io.ordertracker.local.emulators.OpenApiContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.json.Json;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.TrackingTable;
import io.ordertracker.webhooks.DeliveryMessage;
import io.ordertracker.webhooks.DeliveryQueue;
import io.ordertracker.webhooks.EndpointUrls;
import io.ordertracker.webhooks.WebhookAdmin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** /v1/webhooks on DynamoDB Local, every answer checked against docs/openapi.yaml. */
class WebhooksApiIT {
    static final Path ROOT = SamTemplate.locate().toAbsolutePath().getParent();
    static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();
    static final DynamoDbClient CLIENT = DYNAMO.client();
    static final OpenApiContract CONTRACT = new OpenApiContract(ROOT.resolve("docs/openapi.yaml"));

    static {
        new LocalResources(SamTemplate.load(ROOT.resolve("template.yaml"))).createTables(CLIENT);
    }

    final List<DeliveryQueue.Entry> queued = new ArrayList<>();
    final DeliveryQueue queue = new DeliveryQueue() {
        @Override
        public void send(List<Entry> entries) {
            queued.addAll(entries);
        }

        @Override
        public void retryAfter(String receiptHandle, long seconds) {
        }

        @Override
        public void deadLetter(DeliveryMessage message, String groupId, String why) {
        }
    };
    final TrackingTable table = new TrackingTable(CLIENT, "TrackingTable");
    final EndpointUrls urls = new EndpointUrls(host -> {
        if (host.equals("hooks.example.com")) {
            return List.of(InetAddress.getByName("93.184.215.14"));
        }
        if (host.equals("rebind.example.com")) {
            return List.of(InetAddress.getByName("169.254.169.254"));
        }
        throw new UnknownHostException(host);
    }, false);
    final WebhooksApiFunction api = new WebhooksApiFunction(new WebhookAdmin(table.webhookEndpoints(),
            table.webhookDeliveries(), queue, urls, Clock.systemUTC()),
            table.merchantRateLimiter(new MerchantRateLimiter.Limit(0, 0), Clock.systemUTC()));
    final String merchant = "m_" + UUID.randomUUID();

    record Answer(int status, JsonNode body, APIGatewayV2HTTPResponse raw) {
    }

    Answer call(String routeKey, String merchantId, Map<String, String> path, String body) {
        String[] parts = routeKey.split(" ", 2);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        String raw = parts[1];
        for (var e : path.entrySet()) {
            raw = raw.replace("{" + e.getKey() + "}", e.getValue());
        }
        event.setRawPath(raw);
        event.setPathParameters(path);
        event.setHeaders(new HashMap<>(body == null ? Map.of() : Map.of("content-type", "application/json")));
        event.setBody(body);
        APIGatewayV2HTTPEvent.RequestContext ctx = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer auth = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        auth.setLambda(Map.of("merchantId", merchantId));
        ctx.setAuthorizer(auth);
        event.setRequestContext(ctx);
        APIGatewayV2HTTPResponse r = api.handleRequest(event, null);
        JsonNode json = r.getBody() == null ? null : Json.read(r.getBody(), JsonNode.class);
        String contentType = r.getHeaders() == null ? null : r.getHeaders().get("Content-Type");
        CONTRACT.assertConforms(routeKey, r.getStatusCode(), contentType, json);
        return new Answer(r.getStatusCode(), json, r);
    }

    Answer create(String body) {
        return call("POST /v1/webhooks", merchant, Map.of(), body);
    }

    @Test
    void registerShowsTheSecretOnceAndNeverAgain() {
        Answer created = create("{\"url\":\"https://hooks.example.com/in\",\"eventTypes\":[\"shipment.delivered\"],"
                + "\"description\":\"ERP\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.raw().getHeaders()).containsEntry("Location", "/v1/webhooks/" + id);
        assertThat(created.body().path("secret").asText()).startsWith("whsec_");
        Answer read = call("GET /v1/webhooks/{webhookId}", merchant, Map.of("webhookId", id), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().has("secret")).isFalse();
        assertThat(read.body().path("eventTypes").get(0).asText()).isEqualTo("shipment.delivered");
        Answer list = call("GET /v1/webhooks", merchant, Map.of(), null);
        assertThat(list.body().path("webhooks")).hasSize(1);
        assertThat(list.body().toString()).doesNotContain("whsec_");
    }

    @Test
    void anotherMerchantsWebhookIsNotFound() {
        String id = create("{\"url\":\"https://hooks.example.com/in\"}").body().path("id").asText();
        String other = "m_" + UUID.randomUUID();
        for (String route : List.of("GET /v1/webhooks/{webhookId}", "DELETE /v1/webhooks/{webhookId}",
                "POST /v1/webhooks/{webhookId}/rotate-secret", "GET /v1/webhooks/{webhookId}/deliveries",
                "POST /v1/webhooks/{webhookId}/test")) {
            Answer a = call(route, other, Map.of("webhookId", id), null);
            assertThat(a.status()).as(route).isEqualTo(404);
            assertThat(a.body().path("field").asText()).isEqualTo("webhookId");
        }
        assertThat(call("PATCH /v1/webhooks/{webhookId}", other, Map.of("webhookId", id), "{\"enabled\":false}").status())
                .isEqualTo(404);
        assertThat(call("GET /v1/webhooks", other, Map.of(), null).body().path("webhooks")).isEmpty();
        assertThat(queued).isEmpty();
    }

    @Test
    void refusedUrlsAre422NamingTheUrl() {
        for (String url : List.of("http://hooks.example.com/in", "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://100.64.0.1/",
                "https://rebind.example.com/", "https://nowhere.example.com/", "https://224.0.0.1/", "https://0.0.0.0/")) {
            Answer a = create("{\"url\":\"" + url + "\"}");
            assertThat(a.status()).as(url).isEqualTo(422);
            assertThat(a.body().path("field").asText()).as(url).isEqualTo("url");
        }
        assertThat(call("GET /v1/webhooks", merchant, Map.of(), null).body().path("webhooks")).isEmpty();
    }

    @Test
    void malformedRequestsAre4xxNamingTheField() {
        assertThat(create("{").body().path("field").asText()).isEqualTo("body");
        Answer unknown = create("{\"url\":\"https://hooks.example.com/\",\"secret\":\"mine\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("field").asText()).isEqualTo("secret");
        Answer type = create("{\"url\":\"https://hooks.example.com/\",\"eventTypes\":[\"order.eaten\"]}");
        assertThat(type.status()).isEqualTo(422);
        assertThat(type.body().path("field").asText()).isEqualTo("eventTypes");
        assertThat(create("{\"url\":\"https://hooks.example.com/\",\"enabled\":\"yes\"}").body().path("field").asText())
                .isEqualTo("enabled");
        assertThat(create("{}").body().path("field").asText()).isEqualTo("url");
    }

    @Test
    void editRotateTestReplayDelete() {
        String id = create("{\"url\":\"https://hooks.example.com/in\"}").body().path("id").asText();
        Answer patched = call("PATCH /v1/webhooks/{webhookId}", merchant, Map.of("webhookId", id),
                "{\"enabled\":false,\"description\":\"paused\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("enabled").asBoolean()).isFalse();
        assertThat(call("POST /v1/webhooks/{webhookId}/test", merchant, Map.of("webhookId", id), null).status())
                .as("disabled").isEqualTo(409);
        call("PATCH /v1/webhooks/{webhookId}", merchant, Map.of("webhookId", id), "{\"enabled\":true}");

        Answer rotated = call("POST /v1/webhooks/{webhookId}/rotate-secret", merchant, Map.of("webhookId", id), null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().path("secret").asText()).startsWith("whsec_");
        assertThat(rotated.body().has("previousSecretExpiresAt")).isTrue();

        Answer test = call("POST /v1/webhooks/{webhookId}/test", merchant, Map.of("webhookId", id), null);
        assertThat(test.status()).isEqualTo(202);
        assertThat(queued).singleElement().satisfies(e -> assertThat(e.message().eventType()).isEqualTo("webhook.test"));
        Answer deliveries = call("GET /v1/webhooks/{webhookId}/deliveries", merchant, Map.of("webhookId", id), null);
        assertThat(deliveries.body().path("deliveries")).hasSize(1);
        String deliveryId = deliveries.body().path("deliveries").get(0).path("id").asText();
        assertThat(deliveryId).isEqualTo(test.body().path("deliveryId").asText());

        Answer replay = call("POST /v1/webhooks/{webhookId}/deliveries/{deliveryId}/replay", merchant,
                Map.of("webhookId", id, "deliveryId", deliveryId), null);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(queued).hasSize(2);
        assertThat(queued.get(1).message().replay()).isTrue();
        assertThat(queued.get(1).message().eventId()).isEqualTo(queued.get(0).message().eventId());
        assertThat(call("POST /v1/webhooks/{webhookId}/deliveries/{deliveryId}/replay", merchant,
                Map.of("webhookId", id, "deliveryId", "dlv_0000000000000_0000000000000000"), null).status()).isEqualTo(404);

        assertThat(call("DELETE /v1/webhooks/{webhookId}", merchant, Map.of("webhookId", id), null).status()).isEqualTo(204);
        assertThat(call("GET /v1/webhooks/{webhookId}", merchant, Map.of("webhookId", id), null).status()).isEqualTo(404);
    }
}
