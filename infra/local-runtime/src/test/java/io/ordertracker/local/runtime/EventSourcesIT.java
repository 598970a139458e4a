package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.local.runtime.fixtures.RecordingQueueFunction;
import io.ordertracker.local.runtime.fixtures.RecordingStreamFunction;
import io.ordertracker.local.runtime.fixtures.TickFunction;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each event source wired as Lambda wires it, on a small template of its own (src/test/resources/event-sources)
 * whose functions are fixtures recording what they are handed.
 */
class EventSourcesIT {
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        Path template = Path.of(EventSourcesIT.class.getResource("/event-sources/template.yaml").toURI());
        runtime = LocalRuntime.start(new LocalRuntime.Options(0, 600, null, null, false, false, template));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void functionsGetTheirEnvironmentWithIntrinsicsAndConditionsResolved() {
        assertThat(RecordingStreamFunction.greeting).isEqualTo("hello from the else branch");
        assertThat(RecordingStreamFunction.queueUrl).startsWith("http://127.0.0.1:").endsWith("/WorkQueue");
        assertThat(runtime.functions().get("StreamFunction").environment())
                .containsEntry("TABLE_NAME", "TestTable")
                .containsEntry("LOCAL_CLOCK_FACTOR", "600.0")
                .containsKeys("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "LOCAL_CLOCK_EPOCH_MILLIS");
    }

    @Test
    void aFunctionWhoseClassIsNotBuiltIsReportedAndSkipped() {
        assertThat(runtime.skipped()).anySatisfy(s -> {
            assertThat(s.function()).isEqualTo("NotBuiltYetFunction");
            assertThat(s.reason()).contains("not on the classpath");
        });
        assertThat(runtime.functions()).containsKeys("StreamFunction", "QueueFunction", "TickFunction");
    }

    @Test
    void streamRecordsArriveInOrderAndFilteredOut() {
        for (int i = 1; i <= 5; i++) {
            put("f" + i, "KEEP", Map.of());
            put("g" + i, "DROP", Map.of());
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivered("f")).containsExactly("f1", "f2", "f3", "f4", "f5"));
        assertThat(delivered("g")).as("records the filter drops").isEmpty();
    }

    @Test
    void aFailingRecordIsBisectedOutRetriedAndSentToTheOnFailureQueue() {
        put("p1", "KEEP", Map.of());
        put("p2", "KEEP", Map.of("poison", AttributeValue.fromBool(true)));
        put("p3", "KEEP", Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(delivered("p")).contains("p1", "p3");
            List<String> failures = receiveAll("StreamFailures");
            assertThat(failures).anySatisfy(body -> {
                var info = EventCodec.parse(body).path("DDBStreamBatchInfo");
                assertThat(info.path("batchSize").asInt()).isEqualTo(1);
                assertThat(info.path("streamArn").asText()).contains("TestTable");
            });
        });
        // p2 alone failed its first try and its two retries; p1 and p3 were delivered on their own after bisecting
        assertThat(RecordingStreamFunction.BATCHES.stream().filter(b -> b.equals(List.of("p2"))).count()).isEqualTo(3);
    }

    @Test
    void aReportedItemFailureIsRetriedFromThatRecord() {
        put("r1", "KEEP", Map.of());
        put("r2", "KEEP", Map.of("retryMe", AttributeValue.fromBool(true)));
        put("r3", "KEEP", Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> seen = delivered("r");
            assertThat(seen.stream().filter("r1"::equals).count()).isEqualTo(1);
            assertThat(seen.stream().filter("r2"::equals).count()).isEqualTo(2);
            assertThat(seen).contains("r3");
        });
        List<List<String>> batches = RecordingStreamFunction.BATCHES.stream()
                .filter(b -> b.contains("r2")).toList();
        assertThat(batches.get(1).get(0)).as("the retry starts at the failed record").isEqualTo("r2");
    }

    @Test
    void queueMessagesReportedAsFailedGoToTheDeadLetterQueueAfterMaxReceiveCount() {
        String queue = runtime.resources().ref("WorkQueue").orElseThrow();
        for (String body : List.of("ok-1", "fail", "ok-2")) {
            runtime.sqs().sendMessage(b -> b.queueUrl(queue).messageBody(body));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(receiveAll("WorkDLQ")).contains("fail"));
        // at least once: on a loaded machine a batch can outlive the 1 s visibility timeout and come back
        assertThat(RecordingQueueFunction.SEEN).contains("ok-1", "ok-2");
        assertThat(receiveAll("WorkDLQ")).doesNotContain("ok-1", "ok-2");
        assertThat(RecordingQueueFunction.SEEN.stream().filter("fail"::equals).count())
                .as("received maxReceiveCount times, then moved").isEqualTo(2);
    }

    @Test
    void schedulesFireOnTheSimulatedClock() {
        // rate(1 minute) at 600x: about ten a second
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TickFunction.TICKS.size() >= 5);
        List<Instant> ticks = TickFunction.TICKS.stream().map(Instant::parse).toList();
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    private static void put(String pk, String entityType, Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(extra);
        item.put("pk", AttributeValue.fromS(pk));
        item.put("entityType", AttributeValue.fromS(entityType));
        runtime.dynamo().putItem(b -> b.tableName("TestTable").item(item));
    }

    /** Every key delivered to the stream function with this prefix, in delivery order (a key twice if redelivered). */
    private static List<String> delivered(String prefix) {
        List<String> out = new ArrayList<>();
        RecordingStreamFunction.BATCHES.forEach(b -> b.stream().filter(k -> k.startsWith(prefix)).forEach(out::add));
        return out;
    }

    private static final Map<String, List<String>> RECEIVED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Everything received from a queue so far (messages are consumed: kept here across polls). */
    private static List<String> receiveAll(String queue) {
        String url = runtime.resources().ref(queue).orElseThrow();
        List<String> all = RECEIVED.computeIfAbsent(queue, q -> new java.util.concurrent.CopyOnWriteArrayList<>());
        runtime.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                .messages().forEach(m -> all.add(m.body()));
        return all;
    }
}
