package io.ordertracker.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.Carrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox over real HTTP, with plain requests (the adapters' own tests live in the carriers module). */
class CarrierSandboxTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SandboxClock.Manual clock;
    private CarrierSandbox sandbox;

    @BeforeEach
    void start() {
        clock = SandboxClock.manual(Instant.parse("2026-03-06T05:00:00Z"));
        sandbox = CarrierSandbox.start(0, clock);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void lists_its_journeys_as_json() throws Exception {
        JsonNode list = json.readTree(get(URI.create("http://127.0.0.1:" + sandbox.port() + "/_sandbox/journeys")).body());
        assertThat(list.size()).isEqualTo(sandbox.journeys().size());
        assertThat(list.get(0).has("carrier")).isTrue();
        assertThat(list.get(0).has("trackingNumber")).isTrue();
        assertThat(list.get(0).get("journey").asText()).isEqualTo("delivered");
    }

    @Test
    void ups_token_needs_the_sandbox_credentials_and_wrong_ones_get_the_ups_401_body() throws Exception {
        HttpResponse<String> wrong = post(URI.create(sandbox.baseUrl(Carrier.UPS) + "/security/v1/oauth/token"),
                "grant_type=client_credentials", "Basic " + basic("someone", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrong.body()).at("/response/errors/0/code").asText()).isEqualTo("10401");

        HttpResponse<String> ok = post(URI.create(sandbox.baseUrl(Carrier.UPS) + "/security/v1/oauth/token"),
                "grant_type=client_credentials",
                "Basic " + basic(SandboxCredentials.UPS_CLIENT_ID, SandboxCredentials.UPS_CLIENT_SECRET));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("expires_in").isTextual()).isTrue();
    }

    @Test
    void dhl_without_the_api_key_is_401_problem_json() throws Exception {
        HttpResponse<String> r = get(URI.create(sandbox.baseUrl(Carrier.DHL) + "/track/shipments?trackingNumber=1"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json.readTree(r.body()).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void dhl_reveals_events_as_the_clock_passes_them() throws Exception {
        Journey journey = sandbox.journey(Carrier.DHL, JourneyKind.DELIVERED);
        URI uri = URI.create(sandbox.baseUrl(Carrier.DHL) + "/track/shipments?trackingNumber=" + journey.trackingNumber());
        assertThat(getDhl(uri).statusCode()).isEqualTo(404); // nothing happened yet
        clock.set(journey.endsAt());
        JsonNode body = json.readTree(getDhl(uri).body());
        assertThat(body.at("/shipments/0/events").size()).isEqualTo(journey.steps().size());
        assertThat(body.at("/shipments/0/status/statusCode").asText()).isEqualTo("delivered");
    }

    @Test
    void faults_can_be_injected_over_http_and_are_consumed_per_call() throws Exception {
        HttpResponse<String> injected = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + sandbox.port() + "/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"carrier\":\"dhl\",\"kind\":\"RATE_LIMIT\",\"count\":1,\"retryAfterSeconds\":7}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(injected.statusCode()).isEqualTo(202);
        URI uri = URI.create(sandbox.baseUrl(Carrier.DHL) + "/track/shipments?trackingNumber=x");
        HttpResponse<String> limited = getDhl(uri);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(getDhl(uri).statusCode()).as("\"x\" is no DHL number: 400, as DHL answers a malformed one").isEqualTo(400);
        assertThat(sandbox.trackingCalls(Carrier.DHL)).isEqualTo(2);
    }

    @Test
    void garbage_and_truncated_faults_answer_200_with_unreadable_bodies() throws Exception {
        Journey journey = sandbox.journey(Carrier.DHL, JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        URI uri = URI.create(sandbox.baseUrl(Carrier.DHL) + "/track/shipments?trackingNumber=" + journey.trackingNumber());
        sandbox.inject(Fault.of(Carrier.DHL, FaultKind.TRUNCATED, 1));
        sandbox.inject(Fault.of(Carrier.DHL, FaultKind.GARBAGE, 1));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = getDhl(uri);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(readable(r.body())).isFalse();
        }
        assertThat(readable(getDhl(uri).body())).isTrue();
    }

    @Test
    void slow_fault_holds_one_carrier_back_without_blocking_another() throws Exception {
        // held back for two minutes: while DHL is asked below, the UPS answer is still being held; were the DHL call
        // queued behind it, it would answer only after UPS did, and fail below
        sandbox.inject(Fault.of(Carrier.UPS, FaultKind.SLOW, 1).withDelay(Duration.ofMinutes(2)));
        CompletableFuture<HttpResponse<String>> ups = http.sendAsync(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl(Carrier.UPS) + "/api/track/v1/details/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sandbox.trackingCalls(Carrier.UPS) == 1 && sandbox.faults().pending(Carrier.UPS) == 0);

        Journey journey = sandbox.journey(Carrier.DHL, JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        HttpResponse<String> dhl = getDhl(URI.create(sandbox.baseUrl(Carrier.DHL) + "/track/shipments?trackingNumber="
                + journey.trackingNumber()));
        assertThat(dhl.statusCode()).isEqualTo(200);
        assertThat(readable(dhl.body())).isTrue();
        assertThat(ups).as("the UPS answer is still held back").isNotDone();
        ups.cancel(true);
    }

    private boolean readable(String body) {
        try {
            json.readTree(body);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private HttpResponse<String> getDhl(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("DHL-API-Key", SandboxCredentials.DHL_API_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String form, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String id, String secret) {
        return Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
