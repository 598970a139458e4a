package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.ordertracker.local.emulators.MotoServer;
import io.ordertracker.local.emulators.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Webhooks through the whole local stack: the built-in receiver registered as the demo merchant's endpoint, told
 * to fail for the first two simulated hours, an order for every sandbox journey, simulated time run to the end of
 * every journey. Then: every event of every journey arrived exactly once (by webhook-id) with a 2xx, in order per
 * shipment, valid against its JSON Schema in docs/webhooks, signed so that the standardwebhooks package from PyPI
 * (run here in Python) accepts it and refuses a tampered body; a rotated secret signs with both secrets; a replay
 * sends one delivery again with the same webhook-id.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksEndToEndIT {
    private static final double CLOCK_FACTOR = 20_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = EventCodec.MAPPER;
    private static final Path ROOT = SamTemplate.locate().toAbsolutePath().getParent();

    private static LocalRuntime runtime;
    private static String webhookId;
    private static String firstSecret;
    private static Instant failingUntil;
    private static final Map<String, SandboxHandle.JourneyInfo> journeyByOrder = new LinkedHashMap<>();

    @BeforeAll
    static void playEveryJourneyWithAFailingReceiver() throws Exception {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withClockFactor(CLOCK_FACTOR));
        assumeTrue(runtime.functions().keySet().containsAll(Set.of("WebhooksApiFunction", "WebhookProducerFunction",
                "WebhookSenderFunction", "ChangeDetectorFunction", "TrackingWorkerFunction")), () -> "not built: " + runtime.skipped());
        HttpResponse<String> created = api("POST", "/v1/webhooks", "{\"url\":\"" + runtime.webhookReceiver().url()
                + "\",\"description\":\"the local receiver\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode endpoint = JSON.readTree(created.body());
        webhookId = endpoint.path("id").asText();
        firstSecret = endpoint.path("secret").asText();
        assertThat(firstSecret).startsWith("whsec_");
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/webhooks/" + webhookId);

        HttpResponse<String> fail = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl()
                + "/_local/webhooks/receiver/fail?for=PT2H&start=first-request")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fail.statusCode()).as(fail.body()).isEqualTo(200);

        int n = 0;
        for (SandboxHandle.JourneyInfo j : runtime.journeys()) {
            String orderNumber = "WH-" + (++n);
            HttpResponse<String> r = api("POST", "/v1/orders", DemoOrders.orderJson(orderNumber, j.carrier(),
                    j.trackingNumber(), j.timeZone()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            journeyByOrder.put(orderNumber, j);
        }
        Instant lastStep = runtime.journeys().stream().map(SandboxHandle.JourneyInfo::endsAt).max(Instant::compareTo)
                .orElse(runtime.clock().instant());
        // the runtime's start-up runs on the simulated clock too: on a busy machine the journeys may be over before
        // the orders are posted (then the first poll finds each parcel in its final state)
        Instant posted = runtime.clock().instant();
        Instant until = (lastStep.isAfter(posted) ? lastStep : posted).plus(Duration.ofDays(1));
        long realSeconds = (long) Math.ceil(Duration.between(runtime.clock().instant(), until).toSeconds() / CLOCK_FACTOR);
        Awaitility.await().atMost(Duration.ofSeconds(realSeconds + 30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !runtime.clock().instant().isBefore(until));
        // then every delivery the producer stored is delivered (the last ones may still be on their way)
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(deliveryStatuses().values()).isNotEmpty().allMatch("SUCCEEDED"::equals));
        failingUntil = runtime.webhookReceiver().failingUntil();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void everyEventArrivedExactlyOnceWithA2xxAfterTheReceiverRecovered() {
        List<WebhookReceiver.Arrival> arrivals = runtime.webhookReceiver().arrivals();
        List<WebhookReceiver.Arrival> accepted = arrivals.stream().filter(a -> a.answered() == 204).toList();
        Map<String, Long> perId = accepted.stream().collect(Collectors.groupingBy(WebhookReceiver.Arrival::webhookId,
                Collectors.counting()));
        assertThat(perId.entrySet().stream().filter(e -> e.getValue() > 1).toList()).as("ids accepted twice").isEmpty();
        Set<String> stored = deliveryStatuses().keySet();
        assertThat(perId.keySet()).as("every stored delivery's event accepted once").isEqualTo(stored);

        List<WebhookReceiver.Arrival> refused = arrivals.stream().filter(a -> a.answered() == 503).toList();
        assertThat(refused).as("the receiver failed at first").isNotEmpty()
                .allSatisfy(a -> assertThat(a.arrivedAt()).isBefore(failingUntil));
        assertThat(refused).allSatisfy(a -> assertThat(perId).containsKey(a.webhookId()));
        assertThat(accepted).allSatisfy(a -> assertThat(a.arrivedAt()).isAfterOrEqualTo(failingUntil));
        assertThat(arrivals).allSatisfy(a -> assertThat(a.signature()).as(a.body()).isEqualTo("valid"));
    }

    @Test
    @Order(2)
    void everyJourneysStoryIsTold() {
        Map<String, List<JsonNode>> byOrder = new HashMap<>();
        for (JsonNode e : acceptedEvents()) {
            String order = e.path("data").has("order") ? e.path("data").path("order").path("orderNumber").asText()
                    : e.path("data").path("orderNumber").asText();
            byOrder.computeIfAbsent(order, k -> new ArrayList<>()).add(e);
        }
        journeyByOrder.forEach((order, j) -> {
            List<String> types = byOrder.getOrDefault(order, List.of()).stream().map(e -> e.path("type").asText()).toList();
            assertThat(types).as(order + " " + j).containsOnlyOnce("order.created");
            List<String> changes = runtime.shipmentChanges().stream()
                    .filter(c -> c.trackingNumber().equals(j.trackingNumber()) && c.from() != null && !c.from().equals(c.to()))
                    .map(c -> c.from() + "->" + c.to()).distinct().toList();
            List<String> told = byOrder.getOrDefault(order, List.of()).stream()
                    .filter(e -> e.path("type").asText().equals("shipment.status_changed"))
                    .map(e -> e.path("data").path("previousStatus").asText() + "->" + e.path("data").path("status").asText())
                    .toList();
            assertThat(told).as(order + " " + j + ": every status change on the stream").containsAll(changes);
            if ("DELIVERED".equals(j.expectedFinalStatus())) {
                assertThat(types).as(order).containsOnlyOnce("shipment.delivered");
            }
            if ("EXCEPTION".equals(j.expectedFinalStatus())) {
                assertThat(types).as(order).contains("shipment.exception");
            }
            assertThat(types).as(order + ": the order confirmation email").contains("notification.sent");
        });
    }

    @Test
    @Order(3)
    void eventsOfAShipmentArriveInTheOrderItChanged() {
        Map<String, List<JsonNode>> byShipment = new LinkedHashMap<>();
        for (JsonNode e : acceptedEvents()) {
            if (e.path("type").asText().startsWith("shipment.")) {
                byShipment.computeIfAbsent(e.path("data").path("shipment").path("shipmentId").asText(),
                        k -> new ArrayList<>()).add(e);
            }
        }
        assertThat(byShipment).isNotEmpty();
        byShipment.forEach((shipment, events) -> {
            long last = -1;
            String status = null;
            for (JsonNode e : events) {
                long sequence = e.path("data").path("sequence").asLong();
                assertThat(sequence).as(shipment + " sequence").isGreaterThanOrEqualTo(last);
                last = sequence;
                if (e.path("type").asText().equals("shipment.status_changed")) {
                    if (status != null) {
                        assertThat(e.path("data").path("previousStatus").asText()).as(shipment).isEqualTo(status);
                    }
                    status = e.path("data").path("status").asText();
                }
            }
        });
    }

    @Test
    @Order(4)
    void everyPayloadMatchesItsSchemaInDocs() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> schemas = new HashMap<>();
        Set<String> seen = new java.util.TreeSet<>();
        for (JsonNode e : acceptedEvents()) {
            String type = e.path("type").asText();
            seen.add(type);
            JsonSchema schema = schemas.computeIfAbsent(type, t -> factory.getSchema(read(ROOT.resolve("docs/webhooks/" + t + ".schema.json"))));
            assertThat(schema.validate(e)).as(type + ": " + e).isEmpty();
        }
        assertThat(seen).contains("order.created", "shipment.status_changed", "shipment.delivered", "shipment.exception",
                "notification.sent");
    }

    @Test
    @Order(5)
    void theStandardWebhooksLibraryAcceptsEverySignatureAndRefusesATamperedBody() throws Exception {
        List<WebhookReceiver.Arrival> accepted = runtime.webhookReceiver().arrivals().stream()
                .filter(a -> a.answered() == 204).toList();
        List<JsonNode> results = verifyInPython(accepted, firstSecret);
        assertThat(results).hasSize(accepted.size());
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).path("verified").asBoolean()).as(results.get(i) + " " + accepted.get(i).body()).isTrue();
            assertThat(results.get(i).path("tamperedRejected").asBoolean()).as(accepted.get(i).body()).isTrue();
        }
        List<JsonNode> wrongSecret = verifyInPython(accepted.subList(0, 1), io.ordertracker.webhooks.WebhookSignature.newSecret());
        assertThat(wrongSecret.get(0).path("verified").asBoolean()).isFalse();
        // the library's own replay protection: a receiver whose clock is 10 minutes past the signature refuses it
        assertThat(verifyInPython(accepted.subList(0, 1), firstSecret, 600).get(0).path("error").asText())
                .contains("timestamp too old");
    }

    @Test
    @Order(6)
    void aRotatedSecretSignsWithBothSecretsUntilTheOldOneExpires() throws Exception {
        HttpResponse<String> rotated = api("POST", "/v1/webhooks/" + webhookId + "/rotate-secret", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newSecret = JSON.readTree(rotated.body()).path("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(firstSecret);
        assertThat(Instant.parse(JSON.readTree(rotated.body()).path("previousSecretExpiresAt").asText()))
                .isAfter(runtime.clock().instant().plus(Duration.ofHours(23)));
        HttpResponse<String> secretAgain = api("GET", "/v1/webhooks/" + webhookId, null);
        assertThat(secretAgain.body()).doesNotContain("whsec_");

        int before = runtime.webhookReceiver().arrivals().size();
        HttpResponse<String> test = api("POST", "/v1/webhooks/" + webhookId + "/test", null);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(202);
        WebhookReceiver.Arrival arrival = awaitArrival(before, a -> a.body().contains("\"webhook.test\""));
        assertThat(arrival.webhookSignature().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(verifyInPython(List.of(arrival), firstSecret).get(0).path("verified").asBoolean()).as("old secret").isTrue();
        assertThat(verifyInPython(List.of(arrival), newSecret).get(0).path("verified").asBoolean()).as("new secret").isTrue();
    }

    @Test
    @Order(7)
    void aReplaySendsOneDeliveryAgainWithTheSameId() throws Exception {
        HttpResponse<String> list = api("GET", "/v1/webhooks/" + webhookId + "/deliveries?limit=5", null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode delivery = JSON.readTree(list.body()).path("deliveries").get(0);
        assertThat(delivery.path("status").asText()).isEqualTo("succeeded");
        assertThat(delivery.path("attempts").get(delivery.path("attempts").size() - 1).path("statusCode").asInt()).isEqualTo(204);
        String eventId = delivery.path("eventId").asText();
        int before = runtime.webhookReceiver().arrivals().size();
        HttpResponse<String> replay = api("POST", "/v1/webhooks/" + webhookId + "/deliveries/"
                + delivery.path("id").asText() + "/replay", null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        WebhookReceiver.Arrival again = awaitArrival(before, a -> eventId.equals(a.webhookId()));
        assertThat(again.answered()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode after = JSON.readTree(api("GET", "/v1/webhooks/" + webhookId + "/deliveries?limit=100", null).body());
            JsonNode same = null;
            for (JsonNode d : after.path("deliveries")) {
                if (d.path("id").asText().equals(delivery.path("id").asText())) {
                    same = d;
                }
            }
            assertThat(same).isNotNull();
            assertThat(same.path("attempts").size()).isEqualTo(delivery.path("attempts").size() + 1);
            assertThat(same.path("attempts").get(same.path("attempts").size() - 1).path("replay").asBoolean()).isTrue();
        });
        // sent once more, not twice: the count stays at one for a whole second of polling
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> runtime.webhookReceiver().arrivals().subList(before, runtime.webhookReceiver().arrivals().size())
                        .stream().filter(a -> eventId.equals(a.webhookId())).count() == 1);
    }

    @Test
    @Order(8)
    void theReceiversPageListsWhatArrived() throws Exception {
        int arrivedBefore = runtime.webhookReceiver().arrivals().size();
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/_local/webhooks"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).size()).isGreaterThanOrEqualTo(arrivedBefore).isPositive();
        assertThat(JSON.readTree(json.body()).get(0).path("signature").asText()).isEqualTo("valid");
        HttpResponse<String> html = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/_local/webhooks"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("Webhooks received", "valid");
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static WebhookReceiver.Arrival awaitArrival(int after, java.util.function.Predicate<WebhookReceiver.Arrival> p) {
        java.util.function.Supplier<WebhookReceiver.Arrival> find = () -> {
            List<WebhookReceiver.Arrival> all = runtime.webhookReceiver().arrivals();
            return all.subList(Math.min(after, all.size()), all.size()).stream().filter(p).findFirst().orElse(null);
        };
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> find.get() != null);
        return find.get();
    }

    private static List<JsonNode> acceptedEvents() {
        List<JsonNode> out = new ArrayList<>();
        for (WebhookReceiver.Arrival a : runtime.webhookReceiver().arrivals()) {
            if (a.answered() == 204) {
                try {
                    out.add(JSON.readTree(a.body()));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + a.body(), e);
                }
            }
        }
        return out;
    }

    /** eventId -> status of every delivery of the test's endpoint, from the table. */
    private static Map<String, String> deliveryStatuses() {
        Map<String, String> out = new HashMap<>();
        runtime.dynamo().scanPaginator(b -> b.tableName(runtime.tableName()).filterExpression("entityType = :e AND endpointId = :id")
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromS("WEBHOOK_DELIVERY"), ":id", AttributeValue.fromS(webhookId))))
                .items().forEach(i -> {
                    if (!i.get("eventType").s().equals("webhook.test")) {
                        out.put(i.get("eventId").s(), i.get("status").s());
                    }
                });
        return out;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError(file + " unreadable", e);
        }
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .header("Authorization", "Bearer " + runtime.apiKey())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The project's Python (the venv that infra/build/python-tools.sh builds), as the moto tests find it. */
    static Path python() {
        String venv = System.getProperty("ordertracker.venv", System.getenv("ORDER_TRACKER_VENV"));
        Path dir = venv != null && !venv.isBlank() ? Path.of(venv) : ROOT.resolve(".venv");
        return dir.resolve("bin/python");
    }

    private static List<JsonNode> verifyInPython(List<WebhookReceiver.Arrival> arrivals, String secret) throws Exception {
        return verifyInPython(arrivals, secret, 0);
    }

    /**
     * @param receiverLagSeconds how far the receiver's clock is past the signing time. At 20,000x a request's real
     *                           milliseconds of travel are minutes of simulated time, so the receiver's clock is
     *                           taken as the signing time plus this lag (the local receiver does the same).
     */
    private static List<JsonNode> verifyInPython(List<WebhookReceiver.Arrival> arrivals, String secret,
                                                 long receiverLagSeconds) throws Exception {
        Path python = python();
        boolean available = Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import standardwebhooks")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!available && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + python + " has no standardwebhooks (infra/build/python-tools.sh)");
        }
        assumeTrue(available, () -> python + " has no standardwebhooks: run infra/build/python-tools.sh");
        List<Map<String, Object>> input = new ArrayList<>();
        for (WebhookReceiver.Arrival a : arrivals) {
            input.add(Map.of("secret", secret, "id", a.webhookId(), "timestamp", a.webhookTimestamp(),
                    "signature", a.webhookSignature(), "body", a.body(), "now", Long.parseLong(a.webhookTimestamp()) + receiverLagSeconds));
        }
        Path script = Files.createTempFile("verify_webhooks", ".py");
        try (var in = WebhooksEndToEndIT.class.getResourceAsStream("verify_webhooks.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(python.toString(), script.toString()).start();
        p.getOutputStream().write(JSON.writeValueAsBytes(input));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        Files.deleteIfExists(script);
        List<JsonNode> results = new ArrayList<>();
        JSON.readTree(out).forEach(results::add);
        return results;
    }
}
