package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.emulators.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The merchant analytics end to end (docs/analytics.md): an order with a promised date for every sandbox journey,
 * simulated time run until every journey has ended, then GET /v1/analytics checked against the journeys themselves
 * (orders, parcels, deliveries and their on-time verdict by each order's promised day in the shopper's zone, transit
 * days from the parcels' scans, messages from the outbox); then, with simulated time held and the figures settled,
 * every record of the table's stream delivered again to MerchantStatsFunction, and the figures must not move.
 * Page views (three orders' pages, reloaded) and an unsubscribe (one-click, sent twice) are counted once each.
 */
class AnalyticsEndToEndIT {
    private static final double CLOCK_FACTOR = 3600;
    private static final Instant SIMULATED_START = Instant.parse("2026-11-16T00:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PERIOD = "?from=2026-11-01&to=2026-12-31";

    private static LocalRuntime runtime;
    private static final Map<String, SandboxHandle.JourneyInfo> journeyByOrder = new TreeMap<>();
    private static final Map<String, LocalDate> promisedByOrder = new HashMap<>();
    private static final Map<String, String> trackingUrlByOrder = new TreeMap<>();

    @BeforeAll
    static void playEveryJourney() throws Exception {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withClockFactor(CLOCK_FACTOR)
                .withSimulatedStart(SIMULATED_START).withClockHeld());
        assumeTrue(runtime.functions().containsKey("MerchantStatsFunction")
                && runtime.functions().containsKey("AnalyticsApiFunction"), () -> "analytics not running: " + runtime.skipped());
        int n = 0;
        for (SandboxHandle.JourneyInfo j : runtime.journeys()) {
            String orderNumber = "AN-" + (++n);
            // every other order promised early (day 3) or late enough (day 6): both verdicts occur
            LocalDate promised = LocalDate.parse("2026-11-16").plusDays(n % 2 == 0 ? 3 : 6);
            String json = DemoOrders.orderJson(orderNumber, j.carrier(), j.trackingNumber(), j.timeZone())
                    .replaceFirst("^\\{", "{\"promisedDeliveryDate\":\"" + promised + "\",");
            HttpResponse<String> r = send("POST", "/v1/orders", json, "application/json");
            assertThat(r.statusCode()).as(j + ": " + r.body()).isEqualTo(201);
            journeyByOrder.put(orderNumber, j);
            trackingUrlByOrder.put(orderNumber, EventCodec.parse(r.body()).path("shipments").get(0).path("trackingUrl").asText());
            promisedByOrder.put(orderNumber, promised);
        }
        Instant start = runtime.clock().instant();
        runtime.runClock();
        Instant lastStep = runtime.journeys().stream().map(SandboxHandle.JourneyInfo::endsAt)
                .max(Instant::compareTo).orElse(start);
        Instant until = (lastStep.isAfter(start) ? lastStep : start).plus(Duration.ofDays(1));
        long realSeconds = Math.max(0, (long) Math.ceil(Duration.between(runtime.clock().instant(), until).toSeconds() / CLOCK_FACTOR));
        Awaitility.await().atMost(Duration.ofSeconds(realSeconds + 30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !runtime.clock().instant().isBefore(until));
        // Time stops here: at an hour a second, the parcels still live (not found, held, lost) would otherwise go on
        // making facts while the figures are compared (a promised date passing raises "delayed"), and the redelivery
        // check below would count those as double counts.
        runtime.holdClock();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theFiguresAreTheJourneysOwnAndRedeliveringTheStreamChangesNothing() throws Exception {
        // the pipeline is asynchronous: wait until the last messages and their counts are in
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(AnalyticsEndToEndIT::figuresMatchTheJourneys);
        // shoppers look: three orders' pages, each reloaded (simulated time held: one 30-minute window), and one
        // shopper stops every email with the one-click link, twice, as mail clients retry
        List<String> viewed = trackingUrlByOrder.values().stream().limit(3).toList();
        for (String url : viewed) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).as(url).isEqualTo(200);
            }
        }
        Outbox.Message email = runtime.outbox().messages().stream()
                .filter(m -> m.channel().equals("email") && m.headers().containsKey("List-Unsubscribe"))
                .findFirst().orElseThrow();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("<(http://[^>]+/u/[^>]+)>")
                .matcher(email.headers().get("List-Unsubscribe"));
        assertThat(link.find()).as(email.headers().get("List-Unsubscribe")).isTrue();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> oneClick = HTTP.send(HttpRequest.newBuilder(URI.create(link.group(1)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(oneClick.statusCode()).as(oneClick.body()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> analytics("day").path("totals").path("unsubscribes").asLong() > 0);
        opensAndClicksCountOncePerEmail();
        // simulated time stands still since start(); wait for the last records already under way to be counted
        String[] settled = {""};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String now = analytics("carrier").toString() + analytics("day");
            boolean same = now.equals(settled[0]);
            settled[0] = now;
            return same;
        });
        String before = analytics("carrier").toString();
        String beforeDays = analytics("day").toString();
        JsonNode totals = analytics("day").path("totals");
        assertThat(totals.path("pageViews").asLong()).as("one visit per order in one window").isEqualTo(viewed.size());
        assertThat(totals.path("ordersViewed").asLong()).isEqualTo(viewed.size());
        assertThat(totals.path("ordersViewedShare").asDouble())
                .isEqualTo(Math.round(10_000.0 * viewed.size() / journeyByOrder.size()) / 10_000.0);
        assertThat(totals.path("unsubscribes").asLong()).as("one address, one channel").isEqualTo(1);
        assertThat(totals.path("unsubscribesByChannel").path("EMAIL").asLong()).isEqualTo(1);

        int redelivered = redeliverTheWholeStream();

        assertThat(redelivered).as("stream records delivered again").isGreaterThan(journeyByOrder.size() * 3);
        assertThat(analytics("carrier").toString()).isEqualTo(before);
        assertThat(analytics("day").toString()).isEqualTo(beforeDays);
        HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/v1/analytics" + PERIOD))
                .header("Authorization", "Bearer " + runtime.apiKey()).header("Accept", "text/csv").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")[1]).startsWith("total," + journeyByOrder.size() + "," + journeyByOrder.size() + ",");
    }

    private static void figuresMatchTheJourneys() throws Exception {
        JsonNode t = analytics("day").path("totals");
        assertThat(t.path("orders").asLong()).as("orders").isEqualTo(journeyByOrder.size());
        assertThat(t.path("shipments").asLong()).as("parcels").isEqualTo(journeyByOrder.size());

        long delivered = 0;
        long judged = 0;
        long onTime = 0;
        List<Integer> transit = new ArrayList<>();
        for (var e : journeyByOrder.entrySet()) {
            Map<String, AttributeValue> parcel = runtime.dynamo().query(q -> q.tableName(runtime.tableName())
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :s)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ORDER#" + runtime.merchantId() + "#" + e.getKey()),
                            ":s", AttributeValue.fromS("SHIPMENT#")))).items().get(0);
            if (!"DELIVERED".equals(parcel.get("status").s())) {
                continue;
            }
            assertThat(e.getValue().expectedFinalStatus()).as(e.getKey()).isEqualTo("DELIVERED");
            delivered++;
            Instant at = Instant.parse(parcel.get("lastEventAt").s());
            judged++;
            if (!at.atZone(ZoneId.of(e.getValue().timeZone())).toLocalDate().isAfter(promisedByOrder.get(e.getKey()))) {
                onTime++;
            }
            if (parcel.containsKey("pickedUpAt")) {
                long hours = Duration.between(Instant.parse(parcel.get("pickedUpAt").s()), at).toHours();
                transit.add((int) ((hours + 12) / 24));
            }
        }
        assertThat(delivered).as("deliveries among the journeys").isPositive();
        assertThat(t.path("delivered").asLong()).as("delivered").isEqualTo(delivered);
        assertThat(t.path("onTimeJudged").asLong()).isEqualTo(judged);
        assertThat(t.path("onTimeRate").asDouble()).as("on time by the promised days")
                .isEqualTo(Math.round(10_000.0 * onTime / judged) / 10_000.0);
        assertThat(onTime).as("both verdicts occur").isBetween(1L, judged - 1);
        transit.sort(Integer::compare);
        assertThat(t.path("transitP50Days").asInt()).as("median transit days of " + transit)
                .isEqualTo(transit.get((int) Math.ceil(transit.size() * 0.5) - 1));

        Map<String, Long> sent = new TreeMap<>();
        runtime.outbox().messages().forEach(m -> sent.merge(m.channel().toUpperCase() + "/" + m.milestone(), 1L, Long::sum));
        Map<String, Long> counted = new TreeMap<>();
        t.path("messagesSent").fields().forEachRemaining(ch -> ch.getValue().fields()
                .forEachRemaining(m -> counted.put(ch.getKey() + "/" + m.getKey(), m.getValue().asLong())));
        assertThat(counted).as("messages by channel and milestone, as the outbox has them").isEqualTo(sent);

        // what became of them: the local runtime reports each email as SES would (delivered, or bounced for the
        // mailbox simulator's bounce address) and each text as SNS's delivery-status log would (delivered)
        for (String channel : List.of("email", "sms")) {
            List<Outbox.Message> of = runtime.outbox().messages().stream().filter(m -> m.channel().equals(channel)).toList();
            long bounced = of.stream().filter(m -> m.to().contains("bounce@simulator.amazonses.com")).count();
            JsonNode n = t.path("notifications").path(channel.toUpperCase());
            if (of.isEmpty()) {
                assertThat(n.isMissingNode()).as(channel + " notifications without messages").isTrue();
                continue;
            }
            assertThat(n.path("sent").asLong()).as(channel + " sent").isEqualTo(of.size());
            assertThat(n.path("delivered").asLong()).as(channel + " delivered, as the outbox has them")
                    .isEqualTo(of.size() - bounced);
            assertThat(n.path("bounced").asLong()).as(channel + " bounced").isEqualTo(bounced);
        }
    }

    /** A shopper opening one email twice and clicking it once: one open, one click; an unknown id is a 404. */
    private static void opensAndClicksCountOncePerEmail() throws Exception {
        Outbox.Message email = runtime.outbox().messages().stream().filter(m -> m.channel().equals("email"))
                .findFirst().orElseThrow();
        for (String what : List.of("open", "open", "click")) {
            HttpResponse<String> r = send("POST", "/_local/outbox/" + email.messageId() + "/" + what, null, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        HttpResponse<String> unknown = send("POST", "/_local/outbox/no-such-message/open", null, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode n = analytics("day").path("totals").path("notifications").path("EMAIL");
            assertThat(n.path("opened").asLong()).as("opened").isEqualTo(1);
            assertThat(n.path("clicked").asLong()).as("clicked").isEqualTo(1);
        });
    }

    /** Every record of the table's stream, from its start, to MerchantStatsFunction again in batches of 100. */
    private static int redeliverTheWholeStream() {
        URI endpoint = runtime.dynamo().serviceClientConfiguration().endpointOverride().orElseThrow();
        String arn = runtime.dynamo().describeTable(b -> b.tableName(runtime.tableName())).table().latestStreamArn();
        LocalFunction function = runtime.functions().get("MerchantStatsFunction");
        int count = 0;
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint)
                .region(runtime.dynamo().serviceClientConfiguration().region())
                .credentialsProvider(runtime.dynamo().serviceClientConfiguration().credentialsProvider()).build()) {
            for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (it != null) {
                    String current = it;
                    var page = streams.getRecords(b -> b.shardIterator(current).limit(100));
                    if (page.records().isEmpty()) {
                        break;
                    }
                    ObjectNode event = EventCodec.MAPPER.createObjectNode();
                    ArrayNode records = event.putArray("Records");
                    page.records().forEach(r -> records.add(json(r, arn)));
                    JsonNode response = function.invoke(event);
                    assertThat(response.path("batchItemFailures")).as("failures on redelivery").isEmpty();
                    count += page.records().size();
                    it = page.nextShardIterator();
                }
            }
        }
        return count;
    }

    private static JsonNode json(Record r, String arn) {
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        out.put("eventID", r.eventID());
        out.put("eventName", r.eventNameAsString());
        out.put("eventSource", "aws:dynamodb");
        ObjectNode d = out.putObject("dynamodb");
        d.set("Keys", image(r.dynamodb().keys()));
        if (r.dynamodb().hasNewImage()) {
            d.set("NewImage", image(r.dynamodb().newImage()));
        }
        if (r.dynamodb().hasOldImage()) {
            d.set("OldImage", image(r.dynamodb().oldImage()));
        }
        d.put("SequenceNumber", r.dynamodb().sequenceNumber());
        d.put("StreamViewType", r.dynamodb().streamViewTypeAsString());
        out.put("eventSourceARN", arn);
        return out;
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        item.forEach((k, v) -> out.set(k, StreamEventSource.value(v)));
        return out;
    }

    private static JsonNode analytics(String groupBy) throws Exception {
        HttpResponse<String> r = send("GET", "/v1/analytics" + PERIOD + "&groupBy=" + groupBy, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventCodec.parse(r.body());
    }

    private static HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .header("Authorization", "Bearer " + runtime.apiKey());
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
