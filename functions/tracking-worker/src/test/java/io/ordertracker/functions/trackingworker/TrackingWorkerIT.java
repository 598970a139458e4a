package io.ordertracker.functions.trackingworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.carriers.CarrierCredentials;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.StaticCredentialsProvider;
import io.ordertracker.carriers.TrackingClient;
import io.ordertracker.carriers.TrackingClients;
import io.ordertracker.carriers.http.ResilienceSettings;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.polling.DueShipment;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.domain.polling.PipelineMetrics;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingBatch;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.domain.polling.TrackingState;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.polling.TrackingMessage;
import io.ordertracker.polling.TrackingWorker;
import io.ordertracker.sandbox.CarrierSandbox;
import io.ordertracker.sandbox.Fault;
import io.ordertracker.sandbox.FaultKind;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import io.ordertracker.sandbox.SandboxClock;
import io.ordertracker.sandbox.SandboxCredentials;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The tracking worker against DynamoDB Local, ElasticMQ (queues as template.yaml declares them) and the carrier
 * sandbox over HTTP: redelivery, late older scans, concurrent workers, carrier faults, bad credentials, poison
 * messages.
 */
class TrackingWorkerIT {
    static final Instant START = Instant.parse("2026-11-16T00:00:00Z");
    static DynamoDbLocal dynamoLocal;
    static ElasticMq elasticMq;
    static CarrierSandbox sandbox;
    static SandboxClock.Manual clock;
    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static String queueUrl;
    static String dlqUrl;
    static DynamoDbShipmentTracker tracker;
    static DynamoDbOrderStore orders;
    static Map<Carrier, TrackingClient> clients;
    static final TrackingProgress PROGRESS = new TrackingProgress(new PollCadence(PollingSettings.defaults()));
    static final Map<String, AtomicInteger> METRICS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        elasticMq = ElasticMq.start();
        dynamo = dynamoLocal.client();
        sqs = elasticMq.client();
        LocalResources resources = new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo).createQueues(sqs);
        queueUrl = resources.ref("TrackingQueue").orElseThrow();
        dlqUrl = resources.ref("TrackingDLQ").orElseThrow();
        tracker = new DynamoDbShipmentTracker(dynamo, "TrackingTable");
        orders = new DynamoDbOrderStore(dynamo, "TrackingTable");
        clock = SandboxClock.manual(START);
        sandbox = CarrierSandbox.start(0, clock);
        clients = TrackingClients.create(sandbox.baseUrls(), credentials(false), clock, c -> ResilienceSettings.fast());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        elasticMq.close();
        dynamoLocal.close();
    }

    static StaticCredentialsProvider credentials(boolean wrong) {
        Map<Carrier, CarrierCredentials> map = new EnumMap<>(Carrier.class);
        for (Carrier c : Carrier.values()) {
            map.put(c, wrong ? new CarrierCredentials("nope", "nope", "nope")
                    : new CarrierCredentials(SandboxCredentials.clientId(c), SandboxCredentials.clientSecret(c), SandboxCredentials.apiKey(c)));
        }
        return new StaticCredentialsProvider(map);
    }

    static TrackingWorkerFunction function(Map<Carrier, TrackingClient> with) {
        PipelineMetrics metrics = (name, value) -> METRICS.computeIfAbsent(name, n -> new AtomicInteger()).addAndGet((int) value);
        return new TrackingWorkerFunction(new TrackingWorker(new ObservationWriter(tracker, PROGRESS, clock, metrics),
                tracker, with::get, clock, metrics));
    }

    static ShipmentRef order(Journey j, Instant at) {
        String number = "IT-" + UUID.randomUUID();
        String id = "shp_" + UUID.randomUUID().toString().replace("-", "");
        orders.create(new Order("m_it", number, new Customer("Ada", "ada@example.com", null, "America/New_York", "en-US"),
                List.of(new OrderItem("Mug", 1, null)), j.promisedDate(), at, "h"),
                List.of(Shipment.newShipment("m_it", number, id, j.carrier(), j.trackingNumber(), "tok" + id, at)), null);
        return new ShipmentRef("m_it", number, id);
    }

    static TrackingMessage message(ShipmentRef ref) {
        TrackingState s = tracker.load(ref).orElseThrow();
        return TrackingMessage.of(new TrackingBatch(s.shipment().carrier(), List.of(new DueShipment(ref.merchantId(),
                ref.orderNumber(), ref.shipmentId(), s.shipment().carrier(), s.shipment().trackingNumber(),
                s.shipment().status(), s.shipment().nextPollAt()))), clock.instant());
    }

    static SQSEvent event(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        SQSEvent e = new SQSEvent();
        e.setRecords(List.of(m));
        return e;
    }

    static List<String> failures(SQSBatchResponse r) {
        return r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    static Instant step(Journey j, int index) {
        return j.steps().get(index).at(j.startDate()).toInstant();
    }

    @Test
    void aRedeliveredMessageNeitherCallsTheCarrierNorWritesAgain() {
        Journey j = sandbox.journey(Carrier.UPS, JourneyKind.DELIVERED);
        clock.set(step(j, 3).plusSeconds(60));
        ShipmentRef ref = order(j, step(j, 0));
        TrackingMessage m = message(ref);
        TrackingWorkerFunction fn = function(clients);

        assertThat(failures(fn.handleRequest(event("a", m.toJson()), null))).isEmpty();
        TrackingState first = tracker.load(ref).orElseThrow();
        assertThat(first.shipment().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(tracker.events(ref.shipmentId())).hasSize(4);
        int calls = sandbox.trackingCalls(Carrier.UPS);

        assertThat(failures(fn.handleRequest(event("a", m.toJson()), null))).isEmpty();
        TrackingState again = tracker.load(ref).orElseThrow();
        assertThat(again.shipment().version()).isEqualTo(first.shipment().version());
        assertThat(again).isEqualTo(first);
        assertThat(sandbox.trackingCalls(Carrier.UPS)).isEqualTo(calls);
        assertThat(tracker.events(ref.shipmentId())).hasSize(4);
    }

    @Test
    void aLateOlderScanIsStoredOnceButNeverMovesTheStatusBack() {
        Journey j = sandbox.journey(Carrier.USPS, JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED);
        // What the carrier said on day 1 (in transit), captured now and delivered late.
        clock.set(step(j, 2).plusSeconds(60));
        CarrierTrackingResult older = clients.get(Carrier.USPS).track(List.of(j.trackingNumber())).get(0);
        assertThat(older).isInstanceOf(CarrierTrackingResult.Tracked.class);
        assertThat(((CarrierTrackingResult.Tracked) older).status()).isEqualTo(ShipmentStatus.IN_TRANSIT);

        clock.set(step(j, 3).plusSeconds(600)); // out for delivery, day 2
        ShipmentRef ref = order(j, step(j, 0));
        assertThat(failures(function(clients).handleRequest(event("b", message(ref).toJson()), null))).isEmpty();
        TrackingState ofd = tracker.load(ref).orElseThrow();
        assertThat(ofd.shipment().status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        int storedEvents = tracker.events(ref.shipmentId()).size();

        Map<Carrier, TrackingClient> stale = new EnumMap<>(clients);
        stale.put(Carrier.USPS, fixedAnswer(Carrier.USPS, older));
        assertThat(failures(function(stale).handleRequest(event("c", message(ref).toJson()), null))).isEmpty();
        TrackingState after = tracker.load(ref).orElseThrow();
        assertThat(after.shipment().status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(after.shipment().lastEventAt()).isEqualTo(ofd.shipment().lastEventAt());
        assertThat(tracker.events(ref.shipmentId())).hasSize(storedEvents);

        // the same stale answer pushed by the carrier: same write path, same verdict
        new ObservationWriter(tracker, PROGRESS, clock, (n, v) -> { })
                .applyPushed(Carrier.USPS, j.trackingNumber(), ((CarrierTrackingResult.Tracked) older).observation());
        assertThat(tracker.load(ref).orElseThrow().shipment().status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(tracker.load(ref).orElseThrow().pushSubscribed()).isTrue();
    }

    @Test
    void twoWorkersOnTheSameShipmentNeverLoseAnUpdate() throws Exception {
        Journey j = sandbox.journey(Carrier.FEDEX, JourneyKind.DELIVERED);
        clock.set(step(j, 4).plusSeconds(60));
        ShipmentRef ref = order(j, step(j, 0));
        long before = tracker.load(ref).orElseThrow().shipment().version();
        TrackingWorkerFunction fn = function(clients);
        List<CompletableFuture<SQSBatchResponse>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String body = message(ref).toJson(); // four different plans for the same shipment
            String id = "w" + i;
            runs.add(CompletableFuture.supplyAsync(() -> fn.handleRequest(event(id, body), null)));
        }
        for (CompletableFuture<SQSBatchResponse> r : runs) {
            assertThat(failures(r.get())).isEmpty();
        }
        TrackingState after = tracker.load(ref).orElseThrow();
        assertThat(after.shipment().version()).isEqualTo(before + 4);
        assertThat(after.carrierCalls()).isEqualTo(4);
        List<TrackingEvent> events = tracker.events(ref.shipmentId());
        assertThat(new HashSet<>(events.stream().map(TrackingEvent::eventId).toList())).hasSize(events.size());
        assertThat(after.shipment().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    }

    /** When the carrier last answered about the shipment, as the stall detector reads it. */
    static Instant lastAnsweredAt(ShipmentRef ref) {
        return new io.ordertracker.storage.DynamoDbStallWatch(dynamo, "TrackingTable").load(ref).orElseThrow()
                .lastAnsweredAt();
    }

    @Test
    void aCarrierOutageFailsTheMessageWithoutTouchingTheShipmentAndTheRetrySucceeds() {
        Journey j = sandbox.journey(Carrier.DHL, JourneyKind.DELIVERED);
        clock.set(step(j, 2).plusSeconds(60));
        ShipmentRef ref = order(j, step(j, 0));
        TrackingState before = tracker.load(ref).orElseThrow();
        String body = message(ref).toJson();
        TrackingWorkerFunction fn = function(clients);

        sandbox.inject(Fault.of(Carrier.DHL, FaultKind.SERVER_ERROR, 50));
        try {
            assertThat(failures(fn.handleRequest(event("d", body), null))).containsExactly("d");
        } finally {
            sandbox.faults().clear();
        }
        assertThat(tracker.load(ref).orElseThrow()).isEqualTo(before);
        assertThat(METRICS.get("CarrierErrors")).isNotNull();
        assertThat(lastAnsweredAt(ref)).as("a failed poll is no answer: it confirms no stall").isNull();

        assertThat(failures(fn.handleRequest(event("d", body), null))).isEmpty();
        assertThat(tracker.load(ref).orElseThrow().shipment().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(lastAnsweredAt(ref)).isEqualTo(clock.instant());
    }

    @Test
    void aRateLimitedCarrierIsAskedAgainWhenItSaysNotBySqsRetries() {
        Journey j = sandbox.journey(Carrier.USPS, JourneyKind.DELIVERED);
        clock.set(step(j, 2).plusSeconds(60));
        ShipmentRef ref = order(j, step(j, 0));
        TrackingState before = tracker.load(ref).orElseThrow();
        sandbox.inject(Fault.of(Carrier.USPS, FaultKind.RATE_LIMIT, 20).withRetryAfter(Duration.ofHours(1)));
        try {
            assertThat(failures(function(clients).handleRequest(event("r", message(ref).toJson()), null))).isEmpty();
        } finally {
            sandbox.faults().clear();
        }
        TrackingState after = tracker.load(ref).orElseThrow();
        assertThat(after.shipment().status()).isEqualTo(before.shipment().status());
        assertThat(after.shipment().nextPollAt()).isAfterOrEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(tracker.events(ref.shipmentId())).isEmpty();
        assertThat(lastAnsweredAt(ref)).as("rate limited: no answer").isNull();
    }

    @Test
    void aMessageWhoseEveryNumberIsRateLimitedIsDoneAndEachShipmentWaitsAsTheCarrierSaid() {
        Journey j = sandbox.journey(Carrier.USPS, JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED);
        clock.set(step(j, 2).plusSeconds(60));
        List<ShipmentRef> refs = List.of(order(j, step(j, 0)), order(j, step(j, 0)), order(j, step(j, 0)));
        List<DueShipment> due = new ArrayList<>();
        for (ShipmentRef ref : refs) {
            Shipment s = tracker.load(ref).orElseThrow().shipment();
            due.add(new DueShipment(ref.merchantId(), ref.orderNumber(), ref.shipmentId(), s.carrier(),
                    s.trackingNumber(), s.status(), s.nextPollAt()));
        }
        String body = TrackingMessage.of(new TrackingBatch(Carrier.USPS, due), clock.instant()).toJson();
        sandbox.inject(Fault.of(Carrier.USPS, FaultKind.RATE_LIMIT, 20).withRetryAfter(Duration.ofMinutes(40)));
        try {
            // a 429 for the whole message is no outage: reported done, so it burns no receive toward the DLQ
            assertThat(failures(function(clients).handleRequest(event("all429", body), null))).isEmpty();
        } finally {
            sandbox.faults().clear();
        }
        for (ShipmentRef ref : refs) {
            assertThat(tracker.load(ref).orElseThrow().shipment().nextPollAt())
                    .isAfterOrEqualTo(clock.instant().plus(Duration.ofMinutes(40)));
            assertThat(tracker.events(ref.shipmentId())).isEmpty();
        }
    }

    @Test
    void messagesNotStartedForLackOfTimeAreReportedFailedUntouchedAndSucceedOnTheirNextDelivery() {
        Journey j = sandbox.journey(Carrier.UPS, JourneyKind.DELIVERED);
        clock.set(step(j, 2).plusSeconds(60));
        List<ShipmentRef> refs = List.of(order(j, step(j, 0)), order(j, step(j, 0)), order(j, step(j, 0)));
        for (ShipmentRef ref : refs) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message(ref).toJson()));
        }
        List<Message> received = receiveAll(3);
        List<TrackingState> before = refs.stream().map(r -> tracker.load(r).orElseThrow()).toList();
        int callsBefore = sandbox.trackingCalls(Carrier.UPS);
        // 90 s at the start; each carrier call "takes" 45 s, so after the first message less than the 50 s
        // reserve is left
        Context shortOfTime = new FakeContext(() -> 90_000 - 45_000 * (sandbox.trackingCalls(Carrier.UPS) - callsBefore));

        SQSBatchResponse first = function(clients).handleRequest(sqsEvent(received), shortOfTime);

        assertThat(failures(first)).containsExactly(received.get(1).messageId(), received.get(2).messageId());
        assertThat(sandbox.trackingCalls(Carrier.UPS)).isEqualTo(callsBefore + 1);
        int firstRef = indexOfBody(refs, received.get(0).body());
        for (int i = 0; i < refs.size(); i++) {
            TrackingState now = tracker.load(refs.get(i)).orElseThrow();
            if (i == firstRef) {
                assertThat(now.shipment().version()).isGreaterThan(before.get(i).shipment().version());
            } else {
                assertThat(now).isEqualTo(before.get(i)); // not started: not even loaded for writing
            }
        }

        // as the event source does: the done message is deleted, the others come back after the visibility timeout
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(received.get(0).receiptHandle()));
        for (Message m : received.subList(1, 3)) {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
        List<Message> again = receiveAll(2);
        assertThat(failures(function(clients).handleRequest(sqsEvent(again), new FakeContext(() -> 90_000)))).isEmpty();
        for (ShipmentRef ref : refs) {
            assertThat(tracker.load(ref).orElseThrow().shipment().status()).isNotEqualTo(ShipmentStatus.PENDING);
        }
        again.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlqUrl)).messages()).isEmpty();
    }

    static int indexOfBody(List<ShipmentRef> refs, String body) {
        for (int i = 0; i < refs.size(); i++) {
            if (body.contains(refs.get(i).shipmentId())) {
                return i;
            }
        }
        throw new AssertionError("no shipment of the test in " + body);
    }

    static List<Message> receiveAll(int count) {
        List<Message> out = new ArrayList<>();
        for (int round = 0; round < 10 && out.size() < count; round++) {
            out.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(count - out.size())
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages());
        }
        assertThat(out).hasSize(count);
        return out;
    }

    static SQSEvent sqsEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            records.add(r);
        }
        SQSEvent e = new SQSEvent();
        e.setRecords(records);
        return e;
    }

    /** Lambda's context with a time left the test decides. */
    record FakeContext(IntSupplier remaining) implements Context {
        @Override
        public int getRemainingTimeInMillis() {
            return remaining.getAsInt();
        }

        @Override
        public String getAwsRequestId() {
            return "it-request";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/TrackingWorkerFunction";
        }

        @Override
        public String getLogStreamName() {
            return "it";
        }

        @Override
        public String getFunctionName() {
            return "TrackingWorkerFunction";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:TrackingWorkerFunction";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }

    @Test
    void refusedCredentialsRaiseTheAuthMetricAndLeaveShipmentsAlone() {
        Journey j = sandbox.journey(Carrier.UPS, JourneyKind.LATE);
        clock.set(step(j, 2).plusSeconds(60));
        ShipmentRef ref = order(j, step(j, 0));
        TrackingState before = tracker.load(ref).orElseThrow();
        Map<Carrier, TrackingClient> wrong = TrackingClients.create(sandbox.baseUrls(), credentials(true), clock,
                c -> ResilienceSettings.fast());
        int authBefore = METRICS.getOrDefault("CarrierAuthFailures", new AtomicInteger()).get();
        assertThat(failures(function(wrong).handleRequest(event("e", message(ref).toJson()), null))).containsExactly("e");
        assertThat(METRICS.get("CarrierAuthFailures").get()).isGreaterThan(authBefore);
        assertThat(tracker.load(ref).orElseThrow()).isEqualTo(before);
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueWithItsBodyAndAttributes() {
        String poison = "{\"v\":1,\"carrier\":\"ups\",\"shipments\":[{\"merchantId\":\"m\"}]} <- truncated by hand";
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(poison)
                .messageAttributes(Map.of("carrier", MessageAttributeValue.builder().dataType("String").stringValue("ups").build())));
        TrackingWorkerFunction fn = function(clients);
        List<Message> dead = List.of();
        for (int round = 0; round < 10 && dead.isEmpty(); round++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages()) {
                SQSBatchResponse r = fn.handleRequest(event(m.messageId(), m.body()), null);
                assertThat(failures(r)).containsExactly(m.messageId());
                // the visibility timeout, fast-forwarded
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            }
            dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).messageAttributeNames("All")).messages();
        }
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).body()).isEqualTo(poison);
        assertThat(dead.get(0).messageAttributes().get("carrier").stringValue()).isEqualTo("ups");
    }

    @Test
    void theSampleEventIsAValidTrackingMessage() throws Exception {
        String sample = read("events/TrackingWorkerFunction.json");
        assertThat(sample).contains("\"eventSource\": \"aws:sqs\"");
        String body = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(sample)
                .path("Records").get(0).path("body").asText();
        TrackingMessage m = TrackingMessage.parse(body);
        assertThat(m.carrierEnum()).isEqualTo(Carrier.FEDEX);
        assertThat(m.shipments()).hasSize(2);
    }

    /** A carrier that always gives the same (real, captured) answer. */
    static TrackingClient fixedAnswer(Carrier carrier, CarrierTrackingResult answer) {
        return new TrackingClient() {
            @Override
            public Carrier carrier() {
                return carrier;
            }

            @Override
            public int maxBatchSize() {
                return 1;
            }

            @Override
            public List<CarrierTrackingResult> track(List<String> numbers) {
                return numbers.stream().map(n -> answer).toList();
            }
        };
    }

    static String read(String repoPath) {
        Path root = SamTemplate.locate().getParent();
        try {
            return Files.readString(root.resolve(repoPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
