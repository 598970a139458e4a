package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The orders API and its authorizer, found in template.yaml and run through the runtime's HTTP API on DynamoDB
 * Local (no moto, no sandbox: this is about the HTTP wiring).
 */
class HttpApiThroughRuntimeIT {
    private static LocalRuntime runtime;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withMoto(false).withSandbox(false)
                .withApiKey("otk_test_0123456789abcdefghijklmnop"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void everyFunctionOfTheTemplateIsRunningOrReportedAsSkipped() {
        var declared = FunctionSpec.all(runtime.template()).keySet();
        assertThat(declared).contains("OrdersApiFunction", "MerchantAuthorizerFunction");
        for (String id : declared) {
            assertThat(runtime.functions().containsKey(id) || runtime.skipped().stream().anyMatch(s -> s.function().equals(id)))
                    .as(id).isTrue();
        }
        assertThat(runtime.functions()).containsKeys("OrdersApiFunction", "MerchantAuthorizerFunction");
        assertThat(runtime.routes()).contains("POST /v1/orders -> OrdersApiFunction [MerchantApiKey]");
    }

    @Test
    void postsAndReadsAnOrderWithTheDemoKey() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/v1/orders"))
                .header("Authorization", "Bearer " + runtime.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DemoOrders.orderJson("RT-1", "ups", "1Z5R89390357567127"))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode order = EventCodec.parse(created.body());
        assertThat(order.path("orderNumber").asText()).isEqualTo("RT-1");
        assertThat(created.body()).contains("http://localhost:" + runtime.port() + "/t/");

        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/v1/orders/RT-1"))
                .header("Authorization", "Bearer " + runtime.apiKey()).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(EventCodec.parse(read.body()).path("orderNumber").asText()).isEqualTo("RT-1");
    }

    @Test
    void noKeyIs401AndAWrongKeyIs403LikeApiGateway() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/v1/orders/RT-1")).GET());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/v1/orders/RT-1"))
                .header("Authorization", "Bearer otk_nope_0123456789abcdefghijklmnop").GET());
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/v2/nothing")).GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void theAuthorizersDecisionIsCachedPerKeyLikeReauthorizeEvery() throws Exception {
        String key = "otk_cache_0123456789abcdefghijklmnop";
        LocalFunction authorizer = runtime.functions().get("MerchantAuthorizerFunction");
        long before = authorizer.invocations();
        for (int i = 0; i < 3; i++) {
            send(HttpRequest.newBuilder(uri("/v1/orders/RT-404")).header("Authorization", "Bearer " + key).GET());
        }
        assertThat(authorizer.invocations() - before).as("one call for three requests with the same key").isEqualTo(1);
    }

    @Test
    void pathParametersAndTheRouteKeyReachTheFunction() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/v1/orders/NO-SUCH-ORDER"))
                .header("Authorization", "Bearer " + runtime.apiKey()).GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
        assertThat(missing.body()).contains("orderNumber");
        assertThat(missing.headers().firstValue("apigw-requestid")).isPresent();
    }

    @Test
    void localPagesAnswerJson() throws Exception {
        HttpResponse<String> outbox = send(HttpRequest.newBuilder(uri("/_local/outbox")).header("Accept", "application/json").GET());
        assertThat(outbox.statusCode()).isEqualTo(200);
        assertThat(EventCodec.parse(outbox.body()).isArray()).isTrue();
        HttpResponse<String> shipments = send(HttpRequest.newBuilder(uri("/_local/shipments?format=json")).GET());
        assertThat(shipments.statusCode()).isEqualTo(200);
        assertThat(EventCodec.parse(shipments.body()).isArray()).isTrue();
    }

    private static URI uri(String path) {
        return URI.create(runtime.baseUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
